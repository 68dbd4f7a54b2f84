package io.tally.ledger.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.SparseMerkleTree;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateProof;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockExecutorTest {
    private final TestLedger t = TestLedger.create(1, 4, 1_000);
    private final KeyPair alice = t.accounts.get(0);
    private final KeyPair bob = t.accounts.get(1);
    private final Address nobody = TestLedger.key("nobody", 0).address();
    private final BlockExecutor executor = new BlockExecutor(TestLedger.CHAIN_ID);

    private ExecutionResult run(MemoryLedgerState s, Transaction... txs) throws InvalidBlockException {
        ExecutionResult r = executor.execute(s.root, s.height, s, s.nodeReader(), List.of(txs));
        s.apply(r);
        return r;
    }

    @Test
    void successfulTransferMovesTheAmountAndAdvancesTheNonce() throws Exception {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        ExecutionResult r = run(s, t.transfer(alice, 0, bob.address(), 300));
        assertEquals(ReceiptStatus.SUCCESS, r.receipts().get(0).status());
        assertEquals(new AccountState(700, 1), s.account(alice.address()));
        assertEquals(new AccountState(1_300, 0), s.account(bob.address()));
    }

    @Test
    void transferToANewAccountCreatesIt() throws Exception {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        run(s, t.transfer(alice, 0, nobody, 1));
        assertEquals(new AccountState(1, 0), s.account(nobody));
    }

    @Test
    void insufficientBalanceFailsWithAReceiptAndConsumesOnlyTheNonce() throws Exception {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        ExecutionResult r = run(s, t.transfer(alice, 0, bob.address(), 1_001));
        assertEquals(ReceiptStatus.INSUFFICIENT_BALANCE, r.receipts().get(0).status());
        assertEquals(new AccountState(1_000, 1), s.account(alice.address()));
        assertEquals(new AccountState(1_000, 0), s.account(bob.address()));
    }

    @Test
    void transferToSelfFailsWithAReceiptAndConsumesTheNonce() throws Exception {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        ExecutionResult r = run(s, t.transfer(alice, 0, alice.address(), 5));
        assertEquals(ReceiptStatus.SELF_TRANSFER, r.receipts().get(0).status());
        assertEquals(new AccountState(1_000, 1), s.account(alice.address()));
    }

    @Test
    void recipientOverflowFailsWithAReceipt() throws Exception {
        // with a genesis supply below 2^63 overflow cannot happen, so the state is forced directly
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        s.forceAccount(alice.address(), new AccountState(10, 0));
        s.forceAccount(nobody, new AccountState(Long.MAX_VALUE - 5, 0));
        ExecutionResult r = run(s, t.transfer(alice, 0, nobody, 6));
        assertEquals(ReceiptStatus.RECIPIENT_OVERFLOW, r.receipts().get(0).status());
        assertEquals(new AccountState(10, 1), s.account(alice.address()));
        assertEquals(new AccountState(Long.MAX_VALUE - 5, 0), s.account(nobody));
        ExecutionResult ok = run(s, t.transfer(alice, 1, nobody, 5));
        assertEquals(ReceiptStatus.SUCCESS, ok.receipts().get(0).status());
        assertEquals(Long.MAX_VALUE, s.account(nobody).balance());
    }

    @Test
    void wrongNonceInvalidatesTheBlock() {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        InvalidBlockException gap = assertThrows(InvalidBlockException.class, () -> run(s, t.transfer(alice, 1, bob.address(), 1)));
        assertEquals(InvalidBlockException.Reason.INVALID_TRANSACTION, gap.reason());
        assertTrue(gap.getMessage().contains("nonce 1, the sender's next nonce is 0"), gap.getMessage());
        Transaction tx = t.transfer(alice, 0, bob.address(), 1);
        assertThrows(InvalidBlockException.class, () -> run(s, tx, tx), "a replay in the same block");
    }

    @Test
    void failedTransactionsStillConsumeTheNonceSoTheNextOneMustUseTheNext() throws Exception {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        ExecutionResult r = run(s, t.transfer(alice, 0, bob.address(), 5_000), t.transfer(alice, 1, bob.address(), 10));
        assertEquals(List.of(ReceiptStatus.INSUFFICIENT_BALANCE, ReceiptStatus.SUCCESS),
                r.receipts().stream().map(Receipt::status).toList());
        assertThrows(InvalidBlockException.class, () -> run(s, t.transfer(alice, 1, bob.address(), 1)), "replay of nonce 1");
    }

    @Test
    void wrongChainIdInvalidatesTheTransaction() {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        Transaction other = Transaction.sign(alice, "other-chain", 0, new TransferPayload(bob.address(), 1));
        InvalidTransactionException e = assertThrows(InvalidTransactionException.class,
                () -> executor.apply(new StateOverlay(s), other));
        assertEquals(InvalidTransactionException.Reason.WRONG_CHAIN, e.reason());
    }

    @Test
    void recordIsStoredUnderTheSenderAndProvable() throws Exception {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        byte[] key = "doc-1".getBytes();
        byte[] value = "sha256:abc".getBytes();
        ExecutionResult r = run(s, t.record(alice, 0, key, value));
        assertTrue(r.receipts().get(0).success());
        StateKey k = StateKey.record(alice.address(), key);
        assertArrayEquals(value, s.get(k).orElseThrow());
        assertEquals(1, s.account(alice.address()).nonce());
        byte[] proof = new SparseMerkleTree(s.nodeReader()).prove(s.root, s.height, k).encode();
        assertTrue(StateProof.verify(s.root, k.bytes(), value, proof));
    }

    @Test
    void proposerSkipsTransactionsThatWouldInvalidateTheBlock() {
        MemoryLedgerState s = new MemoryLedgerState(t.genesis);
        Transaction good0 = t.transfer(alice, 0, bob.address(), 1);
        Transaction gap = t.transfer(alice, 5, bob.address(), 1);
        Transaction good1 = t.transfer(alice, 1, bob.address(), 1);
        Transaction wrongChain = Transaction.sign(bob, "other", 0, new TransferPayload(alice.address(), 1));
        BlockExecutor.Selection sel = executor.select(s.root, s.height, s, s.nodeReader(), List.of(good0, gap, wrongChain, good1), 10);
        assertEquals(List.of(good0, good1), sel.included());
        assertEquals(List.of(InvalidTransactionException.Reason.BAD_NONCE, InvalidTransactionException.Reason.WRONG_CHAIN),
                sel.skipped().stream().map(BlockExecutor.Skipped::reason).toList());
        assertEquals(1, executor.select(s.root, s.height, s, s.nodeReader(), List.of(good0, good1), 1).included().size());
    }

    @Test
    void receiptRoundTripsAndRejectsUnknownStatus() throws Exception {
        Receipt r = new Receipt(io.tally.crypto.Sha256.hash(new byte[] {1}), ReceiptStatus.RECIPIENT_OVERFLOW);
        assertEquals(r, Receipt.decode(r.encode()));
        byte[] bad = r.encode();
        bad[bad.length - 1] = 99;
        assertThrows(io.tally.ledger.codec.DecodeException.class, () -> Receipt.decode(bad));
    }
}
