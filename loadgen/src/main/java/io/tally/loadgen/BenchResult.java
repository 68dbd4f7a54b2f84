package io.tally.loadgen;

import java.util.List;
import java.util.Map;

/**
 * Everything one run measured; written as the JSON result and printed as a table. {@code latency}:
 * submit→commit; {@code admission}: submit→acknowledgement, the part of it spent getting a node to
 * accept the transaction (of the same transactions); {@code intervals}: throughput and latency per
 * {@code --interval} seconds of the window.
 */
record BenchResult(Setup setup, Machine machine, CeilingResult ceiling, Throughput throughput, Latency latency,
        Latency admission, Accounting accounting, Blocks blocks, List<NodeResult> nodes, double loadgenCpuCores,
        List<IntervalSeries.Interval> intervals, List<Sampler.Sample> rssSeries, List<String> problems) {

    record Setup(int validators, String mode, double offeredRate, int window, int durationSeconds, int warmupSeconds,
            int accounts, int batchSize, int connections, int txBytes, int maxBlockTransactions, long viewTimeoutMillis,
            List<String> nodeJvmOptions, List<String> nodeRunOptions) {}

    record Machine(int cores, String os, String java) {}

    /**
     * {@code verifiesPerSecond}: the higher of the two measurements, {@code before} the network
     * starts and {@code after} it stopped (the machine's speed drifts; the higher one gives the lower,
     * more conservative ratio). {@code perValidatorSet}: that divided by the number of validators.
     */
    record CeilingResult(int threads, double verifiesPerSecond, double perValidatorSet, double before, double after) {}

    /** This result against {@code ceiling} (the ceiling and the ratios recomputed). */
    BenchResult withCeiling(CeilingResult ceiling) {
        Throughput t = throughput;
        double cpuCeiling = ceiling.verifiesPerSecond() / ceiling.threads() * t.nodeCores() / setup.validators();
        Throughput rescaled = new Throughput(t.committedPerSecond(), t.acknowledgedPerSecond(),
                ratio(t.committedPerSecond(), ceiling.perValidatorSet()), t.nodeCores(),
                ratio(t.committedPerSecond(), cpuCeiling));
        return new BenchResult(setup, machine, ceiling, rescaled, latency, admission, accounting, blocks, nodes, loadgenCpuCores,
                intervals, rssSeries, problems);
    }

    private static double ratio(double tps, double ceilingTps) {
        return ceilingTps == 0 ? 0 : Math.round(tps / ceilingTps * 1000) / 1000.0;
    }

    /**
     * {@code ratio}: committed per second over the ceiling (0 when no ceiling was measured).
     * {@code ratioOfNodeCpu}: the same against the ceiling of the CPU the nodes actually got
     * (verifies per core-second × node cores used ÷ validators), which stays meaningful when other
     * processes share the machine.
     */
    record Throughput(double committedPerSecond, double acknowledgedPerSecond, double ratio, double nodeCores,
            double ratioOfNodeCpu) {}

    /**
     * {@code lost}: acknowledged by a node, never seen in a block by the end of the drain, although
     * every earlier nonce of its account was accepted. Must be 0. {@code stranded}: acknowledged
     * but behind an earlier nonce of the same account that no node accepted (so it cannot execute).
     */
    record Accounting(long planned, long sent, long acknowledged, long committed, long rejected, long lost,
            long retries, long transportErrors, long lateBatches, Map<Integer, Long> rejectCodes,
            Map<Integer, Long> retryCodes, long stillRetrying, long stranded) {}

    record Blocks(long inWindow, double perSecond, double meanTransactions, long maxTransactions, long viewChanges,
            long finalHeight) {}

    /**
     * {@code mempoolAtEnd}: the node's pending transactions after the drain (should be 0).
     * {@code cpuByThread}: cores used in the window per thread group ({@link ThreadCpu#GROUPS}).
     */
    record NodeResult(String name, long pid, double cpuCores, long rssStartMib, long rssEndMib, long rssMaxMib,
            long viewChanges, long mempoolAtEnd, Map<String, Double> cpuByThread) {}
}
