package io.tally.loadgen;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One benchmark run, fully specified.
 *
 * @param rate offered transactions per second; 0 means closed loop (as fast as accepted)
 * @param window closed loop: most transactions sent and not yet committed
 * @param warmupSeconds load before the measured window (JIT, caches); not counted
 * @param drainSeconds after the load stops, how long to wait for acknowledged transactions to commit
 * @param ceilingSeconds how long to measure the signature ceiling; 0 = do not measure
 * @param maxTransactions cap on pre-signed transactions (memory and signing time)
 * @param sampleEverySeconds period of the RSS samples
 * @param intervalSeconds length of one row of the throughput/latency series
 */
record BenchConfig(int validators, int durationSeconds, int warmupSeconds, int drainSeconds, double rate, int window,
        int accounts, int batchSize, int connections, Path outDir, NodeLauncher launcher, String chainId,
        int maxBlockTransactions, int maxBlockBytes, long viewTimeoutMillis, double ceilingSeconds,
        int maxTransactions, int sampleEverySeconds, int intervalSeconds) {
    BenchConfig {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(launcher, "launcher");
        check(validators, 1, 32, "validators");
        check(durationSeconds, 1, 86_400, "duration");
        check(warmupSeconds, 0, 3_600, "warmup");
        check(drainSeconds, 1, 3_600, "drain");
        check(accounts, 2, 1_000_000, "accounts");
        check(batchSize, 1, 1_000, "batch");
        check(connections, 1, 256, "connections");
        check(window, 1, 1_000_000, "window");
        check(sampleEverySeconds, 1, 3_600, "sample-every");
        check(intervalSeconds, 1, 86_400, "interval");
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be >= 0 (0 = closed loop), got " + rate);
        }
    }

    boolean closedLoop() {
        return rate == 0;
    }

    private static void check(long v, long min, long max, String name) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", got " + v);
        }
    }
}
