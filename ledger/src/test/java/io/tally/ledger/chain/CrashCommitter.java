package io.tally.ledger.chain;

import io.tally.crypto.KeyPair;
import io.tally.ledger.store.LevelDbStore;
import io.tally.ledger.tx.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashRecoveryTest}: commits blocks to a LevelDB chain in a loop and
 * prints {@code committed <height>} after each commit returns (so the block is durable). It stops
 * by itself after {@code maxBlocks} blocks or {@code maxMillis}, whichever comes first.
 */
public final class CrashCommitter {
    static final int ACCOUNTS = 12;
    static final int TXS_PER_BLOCK = 60;

    private CrashCommitter() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int maxBlocks = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
        TestLedger t = fixture();
        try (LevelDbStore store = LevelDbStore.open(dir)) {
            ChainStore chain = ChainStore.initGenesis(store, t.genesis);
            System.out.println("opened " + chain.head().height());
            System.out.flush();
            for (int b = 0; b < maxBlocks && System.nanoTime() < deadline; b++) {
                long height = chain.head().height() + 1;
                List<Transaction> txs = new ArrayList<>();
                long[] nonces = new long[ACCOUNTS];
                for (int i = 0; i < ACCOUNTS; i++) {
                    nonces[i] = chain.account(t.accounts.get(i).address()).nonce();
                }
                for (int i = 0; i < TXS_PER_BLOCK; i++) {
                    int from = (int) ((height * 7 + i) % ACCOUNTS);
                    int to = (int) ((height * 3 + i * 5 + 1) % ACCOUNTS);
                    KeyPair k = t.accounts.get(from);
                    // some transfers are too large on purpose, so failed receipts are part of the history
                    long amount = (i % 9 == 0) ? 50_000 : 1 + (height + i) % 97;
                    txs.add(i % 13 == 0
                            ? t.record(k, nonces[from]++, ("h" + height).getBytes(), ("block " + height).getBytes())
                            : t.transfer(k, nonces[from]++, t.accounts.get(to).address(), amount));
                }
                t.commitNext(chain, txs);
                System.out.println("committed " + chain.head().height());
                System.out.flush();
            }
        }
        System.out.println("done");
    }

    static TestLedger fixture() {
        return TestLedger.create(4, ACCOUNTS, 10_000);
    }
}
