package io.tally.ledger.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Sha256;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.exec.InvalidBlockException.Reason;
import io.tally.ledger.tx.Transaction;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class BlockValidatorTest {
    private final TestLedger t = TestLedger.create(4, 2, 1_000);
    private final KeyPair alice = t.accounts.get(0);
    private final KeyPair bob = t.accounts.get(1);
    private final MemoryLedgerState state = new MemoryLedgerState(t.genesis);
    private final BlockHeader parent = t.genesis.build().block().header();
    private final BlockValidator validator = new BlockValidator(TestLedger.CHAIN_ID, t.validators, 3);
    private final PublicKey proposer = t.validatorKeys.get(2).publicKey();

    private Block proposal(List<Transaction> txs) {
        return validator.propose(parent, proposer, parent.timestampMillis() + 10, txs, state, state.nodeReader()).block();
    }

    private Reason rejection(Block b) {
        return assertThrows(InvalidBlockException.class,
                () -> validator.validate(parent, b, state, state.nodeReader(), SignatureCheck.VERIFY)).reason();
    }

    /** The proposal with its header changed (tx list unchanged). */
    private static Block withHeader(Block b, UnaryOperator<BlockHeader> f) {
        return new Block(f.apply(b.header()), b.transactions());
    }

    private static BlockHeader header(BlockHeader h, String chain, long height, long time, Hash prev, PublicKey proposer,
            Hash txRoot, Hash stateRoot, Hash vs) {
        return new BlockHeader(chain, height, time, prev, proposer, txRoot, stateRoot, vs);
    }

    @Test
    void aProposalValidatesAndReproducesTheSameExecution() throws InvalidBlockException {
        Block b = proposal(List.of(t.transfer(alice, 0, bob.address(), 5), t.transfer(bob, 0, alice.address(), 7)));
        ExecutionResult r = validator.validate(parent, b, state, state.nodeReader(), SignatureCheck.VERIFY);
        assertEquals(b.header().stateRoot(), r.stateRoot());
        assertEquals(2, r.receipts().size());
    }

    @Test
    void proposalTimestampIsRaisedToTheParents() {
        Block b = validator.propose(parent, proposer, 5, List.of(), state, state.nodeReader()).block();
        assertEquals(parent.timestampMillis(), b.header().timestampMillis());
    }

    @Test
    void eachHeaderRuleIsEnforced() {
        Block b = proposal(List.of(t.transfer(alice, 0, bob.address(), 5)));
        BlockHeader h = b.header();
        Hash junk = Sha256.hash(new byte[] {1});
        assertEquals(Reason.WRONG_CHAIN, rejection(withHeader(b, x -> header(x, "other", x.height(), x.timestampMillis(),
                x.previousHash(), x.proposer(), x.txRoot(), x.stateRoot(), x.validatorSetHash()))));
        assertEquals(Reason.WRONG_HEIGHT, rejection(withHeader(b, x -> header(x, x.chainId(), 2, x.timestampMillis(),
                x.previousHash(), x.proposer(), x.txRoot(), x.stateRoot(), x.validatorSetHash()))));
        assertEquals(Reason.WRONG_PREVIOUS_HASH, rejection(withHeader(b, x -> header(x, x.chainId(), x.height(),
                x.timestampMillis(), junk, x.proposer(), x.txRoot(), x.stateRoot(), x.validatorSetHash()))));
        assertEquals(Reason.TIMESTAMP_BEFORE_PARENT, rejection(withHeader(b, x -> header(x, x.chainId(), x.height(),
                parent.timestampMillis() - 1, x.previousHash(), x.proposer(), x.txRoot(), x.stateRoot(), x.validatorSetHash()))));
        assertEquals(Reason.WRONG_VALIDATOR_SET, rejection(withHeader(b, x -> header(x, x.chainId(), x.height(),
                x.timestampMillis(), x.previousHash(), x.proposer(), x.txRoot(), x.stateRoot(), junk))));
        assertEquals(Reason.PROPOSER_NOT_A_VALIDATOR, rejection(withHeader(b, x -> header(x, x.chainId(), x.height(),
                x.timestampMillis(), x.previousHash(), alice.publicKey(), x.txRoot(), x.stateRoot(), x.validatorSetHash()))));
        assertEquals(Reason.TX_ROOT_MISMATCH, rejection(withHeader(b, x -> header(x, x.chainId(), x.height(),
                x.timestampMillis(), x.previousHash(), x.proposer(), junk, x.stateRoot(), x.validatorSetHash()))));
        assertEquals(Reason.STATE_ROOT_MISMATCH, rejection(withHeader(b, x -> header(x, x.chainId(), x.height(),
                x.timestampMillis(), x.previousHash(), x.proposer(), x.txRoot(), junk, x.validatorSetHash()))));
        assertEquals(h, b.header());
    }

    @Test
    void tooManyTransactionsAreRejected() {
        List<Transaction> four = List.of(t.transfer(alice, 0, bob.address(), 1), t.transfer(alice, 1, bob.address(), 1),
                t.transfer(alice, 2, bob.address(), 1), t.transfer(alice, 3, bob.address(), 1));
        Block three = proposal(four);
        assertEquals(3, three.transactions().size(), "the proposer stops at the limit");
        BlockValidator roomy = new BlockValidator(TestLedger.CHAIN_ID, t.validators, 10);
        Block big = roomy.propose(parent, proposer, parent.timestampMillis(), four, state, state.nodeReader()).block();
        assertEquals(Reason.TOO_MANY_TRANSACTIONS, rejection(big));
    }

    @Test
    void blockWithAnUnincludableTransactionIsRejected() {
        Transaction replayGap = t.transfer(alice, 3, bob.address(), 1);
        Block honest = proposal(List.of());
        Block forged = new Block(new BlockHeader(TestLedger.CHAIN_ID, 1, honest.header().timestampMillis(), parent.hash(),
                proposer, Block.computeTxRoot(List.of(replayGap)), honest.header().stateRoot(), t.validators.hash()),
                List.of(replayGap));
        assertEquals(Reason.INVALID_TRANSACTION, rejection(forged));
    }

    @Test
    void badSignatureIsRejectedOnlyWhenSignaturesAreChecked() throws Exception {
        Transaction good = t.transfer(alice, 0, bob.address(), 5);
        byte[] enc = good.encoded();
        enc[enc.length - 1] ^= 1;
        Transaction forged = io.tally.ledger.tx.TransactionCodec.decode(enc);
        Block b = proposal(List.of(forged));
        assertEquals(1, b.transactions().size(), "the proposer trusts admission for signatures");
        assertEquals(Reason.INVALID_TRANSACTION, rejection(b));
        validator.validate(parent, b, state, state.nodeReader(), SignatureCheck.ALREADY_VERIFIED);
        assertThrows(InvalidTransactionException.class, () -> SignatureVerifier.verify(forged));
        SignatureVerifier.verify(good);
    }
}
