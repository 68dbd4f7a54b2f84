package io.tally.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tally-loadgen bench}: one benchmark run on a fresh network of node processes. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Start a fresh N-validator network on 127.0.0.1, load it with pre-signed transfers, measure,"
        + " stop it, print a table and write a JSON result.",
        "Exit code 0 when nothing was lost and something was committed, 2 otherwise."})
final class BenchCommand implements Callable<Integer> {
    /**
     * The longest chain id allowed (64 characters) so a signed transfer is 199 bytes, the
     * "~200-byte transfer" of the benchmark targets.
     */
    static final String DEFAULT_CHAIN_ID = "tally-bench-" + "0123456789abcdefghijklmnopqrstuvwxyz".repeat(2).substring(0, 52);

    @Option(names = "--validators", defaultValue = "4", description = "Validators (default ${DEFAULT-VALUE}).")
    int validators;

    @Option(names = "--duration", defaultValue = "60", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "60",
        description = "Unmeasured seconds of load first, so the JIT has compiled the hot paths (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--drain", defaultValue = "30",
        description = "Most seconds to wait for acknowledged transactions to commit after the load (default ${DEFAULT-VALUE}).")
    int drain;

    @Option(names = "--rate", defaultValue = "0",
        description = "Offered tx/s (open loop); 0 = closed loop, as fast as accepted (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--window", defaultValue = "8000",
        description = "Closed loop: most transactions sent and not yet committed (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--accounts", defaultValue = "10000", description = "Funded sender accounts (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--batch", defaultValue = "200", description = "Transactions per JSON-RPC batch (default ${DEFAULT-VALUE}).")
    int batch;

    // Open loop: enough clients that a slow answer does not hold up the next scheduled batches
    // (with 4 at 3,200 tx/s: submit->ack p99 244 ms, with 16: 104); closed loop: few, large batches.
    @Option(names = "--connections",
        description = "Concurrent HTTP requests, round-robin over the nodes (default 16 in open loop, 4 in closed loop).")
    Integer connections;

    @Option(names = "--out", defaultValue = "devnet/.bench/run",
        description = "Network directory, replaced on each run (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--result", description = "JSON result file (default OUT/result.json).")
    Path result;

    @Option(names = "--node-jar", defaultValue = "node/target/tally-node.jar",
        description = "The runnable node jar (default ${DEFAULT-VALUE}).")
    Path nodeJar;

    @Option(names = "--node-classpath", description = "Run io.tally.node.NodeMain from this class path instead of --node-jar.")
    String nodeClasspath;

    // A young generation of half the heap: at saturation a transaction lives 1-2 s in the
    // mempool, longer than a small young generation lasts, and was promoted and collected again
    // by full collections (twice the GC CPU). A heap committed and touched up front keeps the
    // resident memory measurement about the node, not about the heap growing.
    @Option(names = "--node-java-opts", defaultValue = "-Xms1g -Xmx1g -Xmn512m -XX:+AlwaysPreTouch -XX:+UseSerialGC",
        description = "JVM options of each node (default '${DEFAULT-VALUE}').")
    String nodeJavaOpts;

    @Option(names = "--min-block-interval-ms",
        description = "Pass --min-block-interval-ms to every node (default: the node's own default).")
    Long minBlockIntervalMs;

    @Option(names = "--jfr", description = "Record each node with JFR (profile settings) into OUT/node<i>/node.jfr.")
    boolean jfr;

    @Option(names = "--max-block-txs", defaultValue = "2000", description = "Genesis maxBlockTransactions (default ${DEFAULT-VALUE}).")
    int maxBlockTxs;

    @Option(names = "--max-block-bytes", defaultValue = "8388608", description = "Genesis maxBlockBytes (default ${DEFAULT-VALUE}).")
    int maxBlockBytes;

    @Option(names = "--view-timeout-ms", defaultValue = "4000", description = "Genesis base view timeout (default ${DEFAULT-VALUE}).")
    long viewTimeoutMs;

    @Option(names = "--ceiling-seconds", defaultValue = "3",
        description = "Seconds to measure the signature ceiling before the run; 0 = skip (default ${DEFAULT-VALUE}).")
    double ceilingSeconds;

    @Option(names = "--max-txs", defaultValue = "3000000", description = "Most transactions to pre-sign (default ${DEFAULT-VALUE}).")
    int maxTxs;

    @Option(names = "--sample-every", defaultValue = "1", description = "Seconds between RSS samples (default ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--interval", defaultValue = "10",
        description = "Seconds per row of the throughput and latency series (default ${DEFAULT-VALUE}).")
    int interval;

    @Override
    public Integer call() throws Exception {
        List<String> opts = new ArrayList<>(Arrays.asList(nodeJavaOpts.trim().split("\\s+")));
        opts.removeIf(String::isEmpty);
        if (jfr) {
            opts.add("-XX:StartFlightRecording=filename={node}/node.jfr,settings=profile,dumponexit=true");
        }
        NodeLauncher launcher;
        if (nodeClasspath != null) {
            launcher = NodeLauncher.classpath(nodeClasspath, opts);
        } else {
            if (!Files.isRegularFile(nodeJar)) {
                throw new IllegalArgumentException("no node jar at " + nodeJar + "; build it (mvn -B -DskipTests package -pl node -am)"
                    + " or pass --node-jar");
            }
            launcher = NodeLauncher.jar(nodeJar.toAbsolutePath(), opts);
        }
        if (minBlockIntervalMs != null) {
            launcher = launcher.withRunOptions(List.of("--min-block-interval-ms", minBlockIntervalMs.toString()));
        }
        int clients = connections != null ? connections : rate > 0 ? 16 : 4;
        BenchConfig config = new BenchConfig(validators, duration, warmup, drain, rate, window, accounts, batch,
            clients, out.toAbsolutePath(), launcher, DEFAULT_CHAIN_ID, maxBlockTxs, maxBlockBytes, viewTimeoutMs,
            ceilingSeconds, maxTxs, sampleEvery, interval);
        BenchResult r = new BenchRunner(config, System.err).run();
        System.out.println();
        ResultTable.print(r, System.out);
        Path file = result != null ? result : config.outDir().resolve("result.json");
        writeJson(r, file);
        System.out.println("  result: " + file);
        return r.accounting().lost() == 0 && r.throughput().committedPerSecond() > 0 ? 0 : 2;
    }

    static void writeJson(BenchResult r, Path file) throws java.io.IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), r);
    }
}
