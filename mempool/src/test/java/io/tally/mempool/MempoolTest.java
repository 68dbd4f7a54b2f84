package io.tally.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.tx.RecordPayload;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MempoolTest {
    static final String CHAIN = "test-chain";
    final Map<Address, Long> nonces = new ConcurrentHashMap<>();
    final NonceLookup lookup = a -> nonces.getOrDefault(a, 0L);
    final KeyPair alice = key(1);
    final KeyPair bob = key(2);
    final Address carol = key(3).address();
    Mempool pool = new Mempool(MempoolConfig.defaults(CHAIN), lookup);

    static KeyPair key(int i) {
        byte[] seed = new byte[32];
        seed[0] = (byte) i;
        return KeyPair.fromSeed(seed);
    }

    Transaction transfer(KeyPair from, long nonce) {
        return Transaction.sign(from, CHAIN, nonce, new TransferPayload(carol, 10));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void validTransferIsAcceptedAndReaped() {
        Transaction tx = transfer(alice, 0);
        AdmissionResult r = pool.add(tx.encoded(), TxSource.RPC);
        assertEquals(AdmissionResult.Outcome.ACCEPTED, r.outcome());
        assertEquals(tx.hash(), r.hash());
        assertEquals(1, pool.size());
        assertEquals(tx.encodedLength(), pool.bytes());
        assertEquals(List.of(tx), pool.reap(10, 1 << 20, lookup));
        assertTrue(pool.signatureCache().isVerified(tx.hash()));
    }

    @Test
    void onlyATransactionAtTheCommittedNonceMakesTheProposalNonEmpty() {
        assertFalse(pool.hasExecutable(lookup));
        pool.add(transfer(alice, 1), TxSource.RPC); // behind a gap: nonce 0 is missing
        assertEquals(1, pool.size());
        assertFalse(pool.hasExecutable(lookup));
        assertTrue(pool.reap(10, 1 << 20, lookup).isEmpty());
        pool.add(transfer(alice, 0), TxSource.RPC);
        assertTrue(pool.hasExecutable(lookup));
        assertEquals(2, pool.reap(10, 1 << 20, lookup).size());
    }

    @Test
    void aTransactionCommittedWhileItWasBeingAdmittedIsNotLeftInThePool() throws Exception {
        // Race: admission reads alice's nonce (0), and a block carrying the same transaction
        // commits before the transaction is inserted. The commit's listener must then find and
        // remove it, or it stays in the pool for good, using up capacity.
        Transaction tx = transfer(alice, 0);
        AtomicInteger calls = new AtomicInteger();
        Thread[] committer = new Thread[1];
        NonceLookup racing = a -> {
            if (!a.equals(alice.address())) {
                return 0L;
            }
            if (calls.incrementAndGet() == 2) { // the read just before the insert
                committer[0] = new Thread(() -> {
                    nonces.put(alice.address(), 1L);
                    pool.onBlockCommitted(block(List.of(tx)));
                });
                committer[0].start();
                try {
                    committer[0].join(300); // it completes unless admission holds the pool's lock
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0L;
            }
            return nonces.getOrDefault(a, 0L);
        };
        pool.close();
        pool = new Mempool(MempoolConfig.defaults(CHAIN), racing);
        pool.add(tx, TxSource.GOSSIP);
        committer[0].join(10_000);
        assertFalse(committer[0].isAlive());
        assertEquals(0, pool.size(), "the committed transaction must not stay pending");
    }

    @Test
    void sameTransactionTwiceIsDuplicate() {
        Transaction tx = transfer(alice, 0);
        pool.add(tx, TxSource.RPC);
        assertEquals(AdmissionResult.Outcome.DUPLICATE, pool.add(tx, TxSource.GOSSIP).outcome());
        assertEquals(1, pool.size());
    }

    @Test
    void secondTransactionWithSameNonceIsRejected() {
        pool.add(transfer(alice, 0), TxSource.RPC);
        Transaction other = Transaction.sign(alice, CHAIN, 0, new TransferPayload(carol, 11));
        assertEquals(RejectCode.NONCE_TAKEN, pool.add(other, TxSource.RPC).code());
    }

    @Test
    void oversizeAndGarbageBytesAreInvalidEncoding() {
        assertEquals(RejectCode.INVALID_ENCODING, pool.add(new byte[70_000], TxSource.RPC).code());
        assertEquals(RejectCode.INVALID_ENCODING, pool.add(new byte[] {1, 2, 3}, TxSource.RPC).code());
        byte[] trailing = java.util.Arrays.copyOf(transfer(alice, 0).encoded(), transfer(alice, 0).encodedLength() + 1);
        assertEquals(RejectCode.INVALID_ENCODING, pool.add(trailing, TxSource.RPC).code());
        assertEquals(0, pool.size());
    }

    @Test
    void otherChainIsRejectedBeforeTheSignature() {
        Transaction tx = Transaction.sign(alice, "other-chain", 0, new TransferPayload(carol, 1));
        AdmissionResult r = pool.add(tx, TxSource.RPC);
        assertEquals(RejectCode.WRONG_CHAIN, r.code());
        assertFalse(pool.signatureCache().isVerified(tx.hash()), "wrong chain must be rejected before verifying");
    }

    @Test
    void nonceBelowAccountNonceIsTooLow() {
        nonces.put(alice.address(), 5L);
        AdmissionResult r = pool.add(transfer(alice, 4), TxSource.RPC);
        assertEquals(RejectCode.NONCE_TOO_LOW, r.code());
        assertEquals(5, r.accountNonce());
    }

    @Test
    void nonceBeyondTheWindowIsAGapButWithinItIsHeld() {
        assertEquals(RejectCode.NONCE_GAP, pool.add(transfer(alice, 65), TxSource.RPC).code());
        assertTrue(pool.add(transfer(alice, 64), TxSource.RPC).isAccepted());
        assertEquals(List.of(), pool.reap(10, 1 << 20, lookup), "a future nonce is not ready for a proposal");
    }

    @Test
    void tamperedSignatureIsRejected() {
        byte[] raw = transfer(alice, 0).encoded();
        raw[raw.length - 1] ^= 1;
        assertEquals(RejectCode.INVALID_SIGNATURE, pool.add(raw, TxSource.RPC).code());
        assertEquals(0, pool.size());
    }

    @Test
    void globalCountAndByteLimitsRejectWithMempoolFull() {
        pool.close();
        pool = new Mempool(MempoolConfig.defaults(CHAIN).withLimits(3, 1 << 20, 100, 1 << 20), lookup);
        for (int i = 0; i < 3; i++) {
            assertTrue(pool.add(transfer(alice, i), TxSource.RPC).isAccepted());
        }
        assertEquals(RejectCode.MEMPOOL_FULL, pool.add(transfer(bob, 0), TxSource.RPC).code());
        assertEquals(3, pool.size());

        pool.close();
        Transaction one = transfer(alice, 0);
        pool = new Mempool(MempoolConfig.defaults(CHAIN).withLimits(100, one.encodedLength() * 2L, 100, 1 << 20), lookup);
        pool.add(one, TxSource.RPC);
        pool.add(transfer(alice, 1), TxSource.RPC);
        assertEquals(RejectCode.MEMPOOL_FULL, pool.add(transfer(bob, 0), TxSource.RPC).code());
    }

    @Test
    void perAccountLimitLeavesRoomForOthers() {
        pool.close();
        pool = new Mempool(MempoolConfig.defaults(CHAIN).withLimits(100, 1 << 20, 2, 1 << 20), lookup);
        pool.add(transfer(alice, 0), TxSource.RPC);
        pool.add(transfer(alice, 1), TxSource.RPC);
        AdmissionResult r = pool.add(transfer(alice, 2), TxSource.RPC);
        assertEquals(RejectCode.MEMPOOL_FULL, r.code());
        assertTrue(r.reason().contains("sender"));
        assertTrue(pool.add(transfer(bob, 0), TxSource.RPC).isAccepted());
    }

    @Test
    void perAccountByteLimitRejectsWithMempoolFull() {
        pool.close();
        Transaction small = transfer(alice, 0);
        pool = new Mempool(MempoolConfig.defaults(CHAIN).withLimits(100, 1 << 20, 100, small.encodedLength() * 2L), lookup);
        pool.add(small, TxSource.RPC);
        pool.add(transfer(alice, 1), TxSource.RPC);
        assertEquals(RejectCode.MEMPOOL_FULL, pool.add(transfer(alice, 2), TxSource.RPC).code());
        assertTrue(pool.add(transfer(bob, 0), TxSource.RPC).isAccepted());
    }

    @Test
    void reapOrdersEachAccountByNonceAndStopsAtAGap() {
        Transaction a2 = transfer(alice, 2);
        Transaction a0 = transfer(alice, 0);
        Transaction b0 = transfer(bob, 0);
        Transaction a1 = transfer(alice, 1);
        Transaction a4 = transfer(alice, 4);
        for (Transaction t : List.of(a2, a0, b0, a1, a4)) {
            assertTrue(pool.add(t, TxSource.RPC).isAccepted());
        }
        List<Transaction> reaped = pool.reap(100, 1 << 20, lookup);
        assertEquals(4, reaped.size());
        assertTrue(reaped.indexOf(a0) < reaped.indexOf(a1));
        assertTrue(reaped.indexOf(a1) < reaped.indexOf(a2));
        assertTrue(reaped.contains(b0));
        assertFalse(reaped.contains(a4), "nonce 4 waits for nonce 3");
        assertEquals(2, pool.reap(2, 1 << 20, lookup).size());
        assertEquals(1, pool.reap(100, a0.encodedLength(), lookup).size());
        nonces.put(alice.address(), 1L);
        assertEquals(List.of(a1, a2), pool.reap(100, 1 << 20, a -> a.equals(alice.address()) ? 1 : 9));
    }

    @Test
    void commitEvictsIncludedAndStaleTransactions() {
        Transaction a0 = transfer(alice, 0);
        Transaction a1 = transfer(alice, 1);
        Transaction a2 = transfer(alice, 2);
        Transaction b0 = transfer(bob, 0);
        for (Transaction t : List.of(a0, a1, a2, b0)) {
            pool.add(t, TxSource.RPC);
        }
        // Another node's block carried a different alice nonce-1 transaction.
        Transaction other1 = Transaction.sign(alice, CHAIN, 1, new RecordPayload(new byte[] {1}, new byte[0]));
        nonces.put(alice.address(), 2L);
        int removed = pool.onBlockCommitted(block(List.of(a0, other1)));
        assertEquals(2, removed);
        assertFalse(pool.contains(a0.hash()));
        assertFalse(pool.contains(a1.hash()));
        assertTrue(pool.contains(a2.hash()));
        assertTrue(pool.contains(b0.hash()));
        assertEquals(2, pool.size());
        assertEquals(a2.encodedLength() + b0.encodedLength(), pool.bytes());
    }

    @Test
    void transactionsPendingForTooManyCommitsAreEvicted() {
        pool.close();
        pool = new Mempool(MempoolConfig.defaults(CHAIN).withMaxAgeBlocks(2), lookup);
        pool.add(transfer(alice, 3), TxSource.RPC);
        pool.onBlockCommitted(block(List.of()));
        pool.add(transfer(bob, 0), TxSource.RPC);
        assertEquals(2, pool.size());
        pool.onBlockCommitted(block(List.of()));
        assertEquals(1, pool.size(), "alice's gapped transaction is stale after two commits");
        assertEquals(1, pool.accounts());
    }

    @Test
    void listenerHearsEachAdmittedTransactionOnce() {
        List<Transaction> heard = new ArrayList<>();
        pool.addListener((tx, source) -> {
            synchronized (heard) {
                heard.add(tx);
            }
        });
        Transaction tx = transfer(alice, 0);
        pool.add(tx, TxSource.RPC);
        pool.add(tx, TxSource.GOSSIP);
        pool.add(transfer(alice, 100), TxSource.RPC);
        assertEquals(List.of(tx), heard);
    }

    @Test
    void pendingNonceFollowsTheContiguousRun() {
        pool.add(transfer(alice, 0), TxSource.RPC);
        pool.add(transfer(alice, 1), TxSource.RPC);
        pool.add(transfer(alice, 3), TxSource.RPC);
        assertEquals(2, pool.pendingNonce(alice.address(), 0));
        assertEquals(7, pool.pendingNonce(bob.address(), 7));
    }

    @Test
    void concurrentAdmissionsStayWithinLimits() throws Exception {
        pool.close();
        pool = new Mempool(MempoolConfig.defaults(CHAIN).withLimits(50, 1 << 20, 64, 1 << 20), lookup);
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(key(10 + i));
        }
        List<CompletableFuture<AdmissionResult>> futures = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            for (KeyPair k : keys) {
                futures.add(pool.submit(transfer(k, n), TxSource.GOSSIP));
            }
        }
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger full = new AtomicInteger();
        for (CompletableFuture<AdmissionResult> f : futures) {
            AdmissionResult r = f.get();
            if (r.isAccepted()) {
                accepted.incrementAndGet();
            } else if (r.code() == RejectCode.MEMPOOL_FULL) {
                full.incrementAndGet();
            }
        }
        assertEquals(50, accepted.get());
        assertEquals(70, full.get());
        assertEquals(50, pool.size());
    }

    static Block block(List<Transaction> txs) {
        BlockHeader h = new BlockHeader(CHAIN, 1, 0, Hash.ZERO, BlockHeader.NO_PROPOSER, Block.computeTxRoot(txs),
            Hash.ZERO, Hash.ZERO);
        return new Block(h, txs);
    }
}
