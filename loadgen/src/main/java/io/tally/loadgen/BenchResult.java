package io.tally.loadgen;

import java.util.List;
import java.util.Map;

/** Everything one run measured; written as the JSON result and printed as a table. */
record BenchResult(Setup setup, Machine machine, CeilingResult ceiling, Throughput throughput, Latency latency,
        Accounting accounting, Blocks blocks, List<NodeResult> nodes, double loadgenCpuCores,
        List<Sampler.Sample> rssSeries, List<String> problems) {

    record Setup(int validators, String mode, double offeredRate, int window, int durationSeconds, int warmupSeconds,
            int accounts, int batchSize, int connections, int txBytes, int maxBlockTransactions, long viewTimeoutMillis,
            List<String> nodeJvmOptions) {}

    record Machine(int cores, String os, String java) {}

    /** {@code perValidatorSet}: verifies per second divided by the number of validators. */
    record CeilingResult(int threads, double verifiesPerSecond, double perValidatorSet) {}

    /** {@code ratio}: committed per second over the ceiling (0 when no ceiling was measured). */
    record Throughput(double committedPerSecond, double acknowledgedPerSecond, double ratio) {}

    /**
     * {@code lost}: acknowledged by a node, never seen in a block by the end of the drain. Must be 0.
     */
    record Accounting(long planned, long sent, long acknowledged, long committed, long rejected, long lost,
            long retries, long transportErrors, long lateBatches, Map<Integer, Long> rejectCodes,
            Map<Integer, Long> retryCodes, long stillRetrying) {}

    record Blocks(long inWindow, double perSecond, double meanTransactions, long maxTransactions, long viewChanges,
            long finalHeight) {}

    record NodeResult(String name, long pid, double cpuCores, long rssStartMib, long rssEndMib, long rssMaxMib,
            long viewChanges) {}
}
