package io.tally.loadgen;

import io.tally.crypto.KeyPair;
import io.tally.genesis.Allocation;
import io.tally.genesis.ConsensusParams;
import io.tally.genesis.Network;
import io.tally.genesis.NetworkSpec;
import io.tally.genesis.NetworkWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh network of real node processes on 127.0.0.1 for one benchmark run: a genesis funding
 * every benchmark account, one process per validator (the benchmark knows their pids), and a clean
 * stop. Always {@link #close() closed}: no node outlives the run.
 */
final class BenchNetwork implements AutoCloseable {
    static final long ACCOUNT_BALANCE = 1_000_000_000_000L;

    private final Path dir;
    private final int baseRpcPort;
    private final List<Process> processes = new ArrayList<>();

    private BenchNetwork(Path dir, int baseRpcPort) {
        this.dir = dir;
        this.baseRpcPort = baseRpcPort;
    }

    /** Writes the genesis and node configs into {@code dir} (replacing a previous run's) and starts every node. */
    static BenchNetwork start(Path dir, String chainId, int validators, List<KeyPair> accounts, ConsensusParams params,
            NodeLauncher launcher) throws IOException, NetworkWriter.OutputDirectoryException {
        int base = freePortRange(2 * validators);
        List<Allocation> alloc = accounts.stream().map(k -> new Allocation(k.address(), ACCOUNT_BALANCE)).toList();
        NetworkSpec spec = new NetworkSpec(chainId, validators, "127.0.0.1", base, base + validators,
            Instant.now().truncatedTo(ChronoUnit.SECONDS), alloc, params);
        Network network = Network.generate(spec, new SecureRandom());
        List<Path> configs = new NetworkWriter(w -> System.err.println("loadgen: " + w)).write(network, dir, true);
        BenchNetwork net = new BenchNetwork(dir, base + validators);
        try {
            for (int i = 0; i < validators; i++) {
                Path nodeDir = configs.get(i).getParent();
                ProcessBuilder pb = new ProcessBuilder(launcher.command(nodeDir, configs.get(i)))
                    .redirectErrorStream(true)
                    .redirectOutput(nodeDir.resolve("node.log").toFile());
                net.processes.add(pb.start());
            }
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    int size() {
        return processes.size();
    }

    URI rpc(int i) {
        return URI.create("http://127.0.0.1:" + (baseRpcPort + i));
    }

    URI ws(int i) {
        return URI.create("ws://127.0.0.1:" + (baseRpcPort + i) + "/ws");
    }

    long pid(int i) {
        return processes.get(i).pid();
    }

    Path nodeDir(int i) {
        return dir.resolve(Network.nodeName(i));
    }

    /** Waits until every node answers {@code /ready} with 200. */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < size(); i++) {
            HttpRequest ready = HttpRequest.newBuilder(rpc(i).resolve("/ready")).timeout(Duration.ofSeconds(2)).build();
            while (true) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException("node" + i + " exited with code " + processes.get(i).exitValue()
                        + "; see " + nodeDir(i).resolve("node.log"));
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node" + i + " not ready after " + timeout.toSeconds() + " s; see "
                        + nodeDir(i).resolve("node.log"));
                }
                Thread.sleep(200);
            }
        }
    }

    /** Node processes that died during the run (a crash is a failed benchmark, not a slow one). */
    List<Integer> deadNodes() {
        List<Integer> dead = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!processes.get(i).isAlive()) {
                dead.add(i);
            }
        }
        return dead;
    }

    /** SIGTERM to every node (clean shutdown, which also writes JFR recordings), SIGKILL after 20 s. */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A base port such that base .. base+count-1 are all free on 127.0.0.1 right now. */
    static int freePortRange(int count) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 200; attempt++) {
            // Below Linux's ephemeral range (32768 up by default): a port above it may be taken, between
            // this check and the node's bind, as the source port of another node's outbound connection.
            int base = 20_000 + new SecureRandom().nextInt(12_000 - count);
            if (allFree(loopback, base, count)) {
                return base;
            }
        }
        throw new IOException("no range of " + count + " free ports found on 127.0.0.1");
    }

    private static boolean allFree(InetAddress host, int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, host)) {
                s.setReuseAddress(true);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }
}
