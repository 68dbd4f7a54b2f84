package io.tally.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.exec.BlockValidator;
import io.tally.ledger.exec.ExecutionResult;
import io.tally.ledger.exec.ReceiptStatus;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateProof;
import io.tally.ledger.store.InMemoryStore;
import io.tally.ledger.store.KvStore;
import io.tally.ledger.store.LevelDbStore;
import io.tally.ledger.store.StorageException;
import io.tally.ledger.tx.Transaction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainStoreTest {
    private final TestLedger t = TestLedger.create(4, 3, 1_000);
    private final KeyPair alice = t.accounts.get(0);
    private final KeyPair bob = t.accounts.get(1);

    @Test
    void genesisWritesBlockZeroWhoseHashIsAFunctionOfTheGenesis() {
        try (KvStore store = new InMemoryStore()) {
            ChainStore chain = ChainStore.initGenesis(store, t.genesis);
            Head head = chain.head();
            assertEquals(0, head.height());
            assertEquals(t.genesis.genesisHash(), head.hash());
            assertEquals(t.genesis.genesisHash(), chain.genesisHash());
            assertEquals(new AccountState(1_000, 0), chain.account(alice.address()));
            assertEquals(t.validators, chain.validators());
            assertTrue(chain.certificate(0).isEmpty());
            // the same description in another map order gives the same hash; any change gives another
            GenesisState reordered = new GenesisState(t.genesis.chainId(), t.genesis.genesisTimeMillis(), t.validators,
                    new java.util.HashMap<>(t.genesis.balances()));
            assertEquals(t.genesis.genesisHash(), reordered.genesisHash());
            GenesisState richer = new GenesisState(t.genesis.chainId(), t.genesis.genesisTimeMillis(), t.validators,
                    Map.of(alice.address(), 1_001L));
            assertFalse(t.genesis.genesisHash().equals(richer.genesisHash()));
        }
    }

    @Test
    void initGenesisIsIdempotentAndRefusesAnotherGenesis(@TempDir Path dir) {
        try (KvStore store = LevelDbStore.open(dir)) {
            ChainStore.initGenesis(store, t.genesis);
            t.commitNext(ChainStore.open(store), List.of(t.transfer(alice, 0, bob.address(), 1)));
        }
        try (KvStore store = LevelDbStore.open(dir)) {
            ChainStore again = ChainStore.initGenesis(store, t.genesis);
            assertEquals(1, again.head().height(), "re-init keeps the chain");
            GenesisState other = new GenesisState("other-chain", 0, t.validators, Map.of());
            StorageException e = assertThrows(StorageException.class, () -> ChainStore.initGenesis(store, other));
            assertTrue(e.getMessage().contains("belongs to chain 'tally-test'"), e.getMessage());
        }
    }

    @Test
    void openingAnUninitialisedStoreIsAClearError() {
        try (KvStore store = new InMemoryStore()) {
            StorageException e = assertThrows(StorageException.class, () -> ChainStore.open(store));
            assertTrue(e.getMessage().contains("genesis"), e.getMessage());
        }
    }

    @Test
    void genesisRejectsNegativeBalancesAndSupplyOverflow() {
        ValidatorSet v = t.validators;
        Address a = alice.address();
        Address b = bob.address();
        assertThrows(IllegalArgumentException.class, () -> new GenesisState("c", 0, v, Map.of(a, -1L)));
        assertThrows(IllegalArgumentException.class, () -> new GenesisState("c", 0, v, Map.of(a, Long.MAX_VALUE, b, 1L)));
        assertThrows(IllegalArgumentException.class, () -> new GenesisState("bad chain id", 0, v, Map.of()));
    }

    @Test
    void committedBlocksAreReadableByHeightHashTransactionAndProof(@TempDir Path dir) {
        Transaction pay = t.transfer(alice, 0, bob.address(), 250);
        Transaction tooMuch = t.transfer(bob, 0, alice.address(), 5_000);
        Transaction rec = t.record(alice, 1, "k".getBytes(), "v".getBytes());
        Block b1;
        Block b2;
        try (KvStore store = LevelDbStore.open(dir)) {
            ChainStore chain = ChainStore.initGenesis(store, t.genesis);
            b1 = t.commitNext(chain, List.of(pay, tooMuch));
            b2 = t.commitNext(chain, List.of(rec));
            // the head's tree is linked in memory after a commit; after the reopen below it is read from the store
            assertNotNull(chain.nodeReader().linkedRoot(2, b2.header().stateRoot()));
            assertTrue(chain.proveState(StateKey.account(alice.address())).verify());
        }
        try (KvStore store = LevelDbStore.open(dir)) {
            ChainStore chain = ChainStore.open(store);
            assertEquals(2, chain.head().height());
            assertEquals(b2.hash(), chain.head().hash());
            assertEquals(b1, chain.blockByHeight(1).orElseThrow());
            assertEquals(b1, chain.blockByHash(b1.hash()).orElseThrow());
            assertTrue(chain.blockByHeight(3).isEmpty());
            assertTrue(chain.blockByHash(Sha256.hash(new byte[] {9})).isEmpty());
            CommitCertificate cert = chain.certificate(1).orElseThrow();
            assertEquals(b1.hash(), cert.blockHash());

            TxLookup failed = chain.transaction(tooMuch.hash()).orElseThrow();
            assertEquals(ReceiptStatus.INSUFFICIENT_BALANCE, failed.receipt().status());
            assertEquals(1, failed.height());
            assertEquals(1, failed.index());
            assertEquals(tooMuch, failed.transaction());
            assertEquals(List.of(ReceiptStatus.SUCCESS, ReceiptStatus.INSUFFICIENT_BALANCE),
                    chain.receipts(1).stream().map(r -> r.status()).toList());
            assertTrue(chain.transaction(Sha256.hash(new byte[] {1})).isEmpty());

            assertEquals(new AccountState(750, 2), chain.account(alice.address()));
            assertEquals(new AccountState(1_250, 1), chain.account(bob.address()));
            assertArrayEquals("v".getBytes(), chain.record(alice.address(), "k".getBytes()).orElseThrow());

            // proofs at the head (rebuilt in memory after the reopen), checked the way a wallet does
            ProvenState now = chain.proveState(StateKey.account(alice.address()));
            assertTrue(now.verify());
            assertEquals(2, now.height());
            assertEquals(b2.header().stateRoot(), now.stateRoot());
            assertTrue(StateProof.verify(now.stateRoot(), StateKey.account(alice.address()).bytes(),
                    new AccountState(750, 2).encode(), now.proof().encode()));
            ProvenState noSuchRecord = chain.proveState(StateKey.record(alice.address(), "nope".getBytes()));
            assertTrue(noSuchRecord.value().isEmpty());
            assertTrue(noSuchRecord.verify());
        }
    }

    @Test
    void commitRefusesBadCertificatesStaleResultsAndNonExtendingBlocks() throws Exception {
        try (KvStore store = new InMemoryStore()) {
            // every tree in the store: the wrong-version execution below reads nodes by hash from it
            ChainStore chain = ChainStore.initGenesis(store, t.genesis, TreeFlushPolicy.EVERY_BLOCK);
            BlockValidator v = chain.newValidator(100);
            BlockValidator.Proposal p = v.propose(chain.head().header(), t.validatorKeys.get(1).publicKey(),
                    TestLedger.GENESIS_TIME_MILLIS + 1, List.of(t.transfer(alice, 0, bob.address(), 1)),
                    chain.stateReader(), chain.nodeReader());
            CommitCertificate good = t.certify(p.block());
            CommitCertificate tooFew = new CommitCertificate(good.height(), good.view(), good.blockHash(),
                    good.signatures().subList(0, 1));
            assertThrows(InvalidCertificateException.class, () -> chain.commit(p.block(), tooFew, p.result()));
            CommitCertificate otherBlock = new CommitCertificate(good.height(), good.view(), Sha256.hash(new byte[] {1}),
                    good.signatures());
            assertThrows(InvalidCertificateException.class, () -> chain.commit(p.block(), otherBlock, p.result()));
            assertEquals(0, chain.head().height(), "nothing was committed");
            chain.commit(p.block(), good, p.result());
            assertThrows(IllegalArgumentException.class, () -> chain.commit(p.block(), good, p.result()), "same block again");
            BlockValidator.Proposal stale = p;
            BlockValidator.Proposal next = v.propose(chain.head().header(), t.validatorKeys.get(1).publicKey(),
                    TestLedger.GENESIS_TIME_MILLIS + 2, List.of(), chain.stateReader(), chain.nodeReader());
            assertThrows(IllegalArgumentException.class,
                    () -> chain.commit(next.block(), t.certify(next.block()), stale.result()), "result of another block");
            // an empty block: same roots, no receipts; only the tree version tells the results apart
            // (built through a reader that finds the head's nodes at any version)
            ExecutionResult wrongVersion = v.executor().execute(chain.head().header().stateRoot(), 4,
                    chain.stateReader(), (version, h) -> chain.nodeReader().read(1, h), List.of());
            assertEquals(next.result().stateRoot(), wrongVersion.stateRoot());
            assertThrows(IllegalArgumentException.class,
                    () -> chain.commit(next.block(), t.certify(next.block()), wrongVersion), "tree stored at another height");
            chain.commit(next.block(), t.certify(next.block()), next.result());
            ProvenState afterEmpty = chain.proveState(StateKey.account(alice.address()));
            assertTrue(afterEmpty.verify(), "the empty block's height stores its (unchanged) root");
            assertArrayEquals(new AccountState(999, 1).encode(), afterEmpty.value().orElseThrow());
        }
    }

    @Test
    void evidenceIsStoredOnceBoundedAndListedByHeight() {
        try (KvStore store = new InMemoryStore()) {
            ChainStore chain = ChainStore.initGenesis(store, t.genesis);
            var v0 = t.validators.get(0);
            var v1 = t.validators.get(1);
            assertTrue(chain.putEvidence(5, v0, new byte[] {1}));
            assertTrue(chain.putEvidence(5, v0, new byte[] {1}), "identical evidence is idempotent");
            assertTrue(chain.putEvidence(3, v1, new byte[] {2}));
            assertFalse(chain.putEvidence(3, v1, new byte[ChainStore.MAX_EVIDENCE_BYTES + 1]));
            for (int i = 0; i < ChainStore.MAX_EVIDENCE_PER_VALIDATOR_AND_HEIGHT - 1; i++) {
                assertTrue(chain.putEvidence(5, v0, new byte[] {1, (byte) i}));
            }
            assertFalse(chain.putEvidence(5, v0, new byte[] {7, 7}), "the slot is full");
            List<Evidence> all = chain.evidence(0, 100);
            assertEquals(1 + ChainStore.MAX_EVIDENCE_PER_VALIDATOR_AND_HEIGHT, all.size());
            assertEquals(3, all.get(0).height());
            assertEquals(v1, all.get(0).validator());
            assertEquals(ChainStore.MAX_EVIDENCE_PER_VALIDATOR_AND_HEIGHT, chain.evidence(4, 100).size());
            assertEquals(2, chain.evidence(0, 2).size());
        }
    }
}
