package io.tally.ledger.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.SparseMerkleTree;
import io.tally.ledger.state.StateWrite;
import io.tally.ledger.tx.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Execution against a plain model: balances, nonces, receipts, supply and root. */
class ExecutionPropertiesTest {
    private static final int SENDERS = 5;
    private static final TestLedger T = TestLedger.create(1, SENDERS, 1_000);
    private static final List<Address> RECIPIENTS = new ArrayList<>();

    static {
        for (KeyPair k : T.accounts) {
            RECIPIENTS.add(k.address());
        }
        RECIPIENTS.add(TestLedger.key("fresh", 0).address());
        RECIPIENTS.add(TestLedger.key("fresh", 1).address());
    }

    record Op(int sender, int recipient, long amount) {}

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Long> amounts = Arbitraries.oneOf(Arbitraries.longs().between(1, 400), Arbitraries.longs().between(1, 3_000));
        return Combinators.combine(Arbitraries.integers().between(0, SENDERS - 1),
                Arbitraries.integers().between(0, RECIPIENTS.size() - 1), amounts).as(Op::new).list().ofMaxSize(40);
    }

    @Property(tries = 60)
    void executionMatchesTheModelAndConservesSupply(@ForAll("histories") List<Op> ops,
            @ForAll @IntRange(min = 1, max = 15) int blockSize) throws InvalidBlockException {
        MemoryLedgerState state = new MemoryLedgerState(T.genesis);
        BlockExecutor executor = new BlockExecutor(TestLedger.CHAIN_ID);
        Map<Address, Long> balance = new HashMap<>();
        Map<Address, Long> nonce = new HashMap<>();
        for (Address a : T.genesis.balances().keySet()) {
            balance.put(a, 1_000L);
        }
        List<Transaction> txs = new ArrayList<>();
        List<ReceiptStatus> expected = new ArrayList<>();
        for (Op op : ops) {
            KeyPair from = T.accounts.get(op.sender);
            Address to = RECIPIENTS.get(op.recipient);
            long n = nonce.getOrDefault(from.address(), 0L);
            txs.add(T.transfer(from, n, to, op.amount));
            nonce.put(from.address(), n + 1);
            long fb = balance.getOrDefault(from.address(), 0L);
            if (to.equals(from.address())) {
                expected.add(ReceiptStatus.SELF_TRANSFER);
            } else if (op.amount > fb) {
                expected.add(ReceiptStatus.INSUFFICIENT_BALANCE);
            } else {
                expected.add(ReceiptStatus.SUCCESS);
                balance.put(from.address(), fb - op.amount);
                balance.merge(to, op.amount, Long::sum);
            }
        }
        List<ReceiptStatus> actual = new ArrayList<>();
        for (int i = 0; i < txs.size(); i += blockSize) {
            ExecutionResult r = executor.execute(state.root, state.height, state, state.nodeReader(), txs.subList(i, Math.min(txs.size(), i + blockSize)));
            state.apply(r);
            r.receipts().forEach(rc -> actual.add(rc.status()));
        }
        assertEquals(expected, actual);
        for (Address a : RECIPIENTS) {
            assertEquals(new AccountState(balance.getOrDefault(a, 0L), nonce.getOrDefault(a, 0L)), state.account(a), a.toString());
        }
        assertEquals(T.genesis.totalSupply(), state.totalBalance());
        // the incrementally maintained root equals the root of the final state built from scratch
        List<StateWrite> all = new ArrayList<>();
        state.values.forEach((k, v) -> all.add(StateWrite.put(k, v)));
        assertEquals(new SparseMerkleTree((v, h) -> null).update(SparseMerkleTree.EMPTY_ROOT, 0, all, 0).root(), state.root);
    }
}
