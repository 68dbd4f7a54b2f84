package io.tally.loadgen;

import io.tally.crypto.KeyPair;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The signed-transfer ceiling of a one-machine devnet: Ed25519 verifications per second with all
 * cores (the node's own path, {@link Transaction#verifySignature()}), divided by the validators
 * sharing those cores, since every validator verifies every transaction once.
 *
 * @param threads threads used (the available processors)
 * @param verifiesPerSecond all threads together
 */
record Ceiling(int threads, double verifiesPerSecond) {

    double perValidators(int n) {
        return verifiesPerSecond / n;
    }

    /** Verifies distinct pre-signed transfers on every core for {@code millis} after a warm-up. */
    static Ceiling measure(String chainId, long warmupMillis, long millis) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        List<KeyPair> keys = Accounts.keys(64);
        TxPlan plan = TxPlan.sign(keys, chainId, 4096);
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            try {
                txs.add(TransactionCodec.decode(plan.raw(i)));
            } catch (DecodeException e) {
                throw new IllegalStateException("own transaction does not decode", e);
            }
        }
        run(txs, threads, warmupMillis);
        return new Ceiling(threads, run(txs, threads, millis));
    }

    private static double run(List<Transaction> txs, int threads, long millis) throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 1013;
            Thread w = new Thread(() -> {
                int i = offset;
                while (!stop.get()) {
                    // verifySignature keeps no cache: every call is a full Ed25519 verification.
                    if (!txs.get(i++ % txs.size()).verifySignature()) {
                        throw new IllegalStateException("own signature does not verify");
                    }
                    done.increment();
                }
            }, "ceiling-" + t);
            workers.add(w);
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return done.sum() / seconds;
    }
}
