package io.tally.devnet;

import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import io.tally.genesis.Allocation;
import io.tally.genesis.ConsensusParams;
import io.tally.genesis.Genesis;
import io.tally.genesis.GenesisValidator;
import io.tally.genesis.Network;
import io.tally.genesis.NetworkSpec;
import io.tally.genesis.NetworkWriter;
import io.tally.genesis.NodeKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network of real node processes on 127.0.0.1, created with the genesis module's API
 * ({@link Network#generate}, {@link NetworkWriter}) in a scratch directory, on a block of free
 * ports. Validators are {@code node0..node{n-1}}; extra (observer or unpermissioned) nodes can be
 * added with their own keys. {@link #close()} — and, should the test JVM die first, a shutdown hook
 * — kills every process it started.
 */
final class Devnet implements AutoCloseable {
    static final String CHAIN_ID = "tally-e2e";
    /** Fast view changes for tests; no empty blocks, so "the height does not move" is meaningful. */
    static final ConsensusParams CONSENSUS = new ConsensusParams(2_000, 4 * 1024 * 1024, 1_000, 8, 0);
    private static final int EXTRA_NODES = 4;

    private final Path dir;
    private final Genesis genesis;
    private final List<NodeProcess> validators;
    private final List<NodeProcess> extras = new CopyOnWriteArrayList<>();
    private final int basePort;
    /** (from, to) validator indices → the relay "from" dials "to" through; empty without proxies. */
    private final Map<List<Integer>, LinkProxy> proxies;
    private final Thread killOnExit;

    private Devnet(Path dir, Genesis genesis, List<NodeProcess> validators, int basePort,
            Map<List<Integer>, LinkProxy> proxies) {
        this.dir = dir;
        this.proxies = Map.copyOf(proxies);
        this.genesis = genesis;
        this.validators = List.copyOf(validators);
        this.basePort = basePort;
        this.killOnExit = new Thread(this::killAll, "devnet-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Writes genesis.json and node0..node{n-1} into {@code dir}; {@code observers} are keys let
     * through the validators' p2p allowlist (they do not vote). Starts nothing.
     */
    static Devnet create(Path dir, int n, List<Allocation> alloc, List<PublicKey> observers) throws IOException {
        return create(dir, n, alloc, observers, false);
    }

    /**
     * As {@link #create(Path, int, List, List)}; with {@code linkProxies} every validator dials
     * every other through its own {@link LinkProxy}, so tests can {@link #partition} the network.
     */
    static Devnet create(Path dir, int n, List<Allocation> alloc, List<PublicKey> observers, boolean linkProxies)
            throws IOException {
        int base = freePortBlock(2 * n + 2 * EXTRA_NODES + (linkProxies ? n * (n - 1) : 0));
        NetworkSpec spec = new NetworkSpec(CHAIN_ID, n, "127.0.0.1", base, base + n,
            Instant.now().truncatedTo(ChronoUnit.SECONDS), alloc, CONSENSUS);
        Network generated = Network.generate(spec, new SecureRandom());
        Genesis g = generated.genesis();
        Genesis withObservers = new Genesis(g.chainId(), g.genesisTime(), g.validators(), g.alloc(), g.consensus(),
            observers);
        Network network = new Network(spec, withObservers, generated.keys());
        List<Path> configs;
        try {
            configs = new NetworkWriter(w -> {}).write(network, dir, false);
        } catch (NetworkWriter.OutputDirectoryException e) {
            throw new IOException(e.getMessage(), e);
        }
        Map<List<Integer>, LinkProxy> proxies = new HashMap<>();
        int proxyPort = base + 2 * n + 2 * EXTRA_NODES;
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String name = Network.nodeName(i);
                List<String> args = new ArrayList<>(List.of("--config", configs.get(i).toString()));
                for (int j = 0; linkProxies && j < n; j++) {
                    if (j != i) {
                        int port = proxyPort++;
                        proxies.put(List.of(i, j), new LinkProxy(i + "to" + j, port, base + j));
                        args.add("--p2p-peer");
                        args.add(withObservers.validators().get(j).publicKey().toHex() + "@/ip4/127.0.0.1/tcp/" + port);
                    }
                }
                nodes.add(new NodeProcess(name, args, dir.resolve(name).resolve(Network.DATA_DIR),
                    dir.resolve(name + ".log"), base + n + i));
            }
        } catch (IOException | RuntimeException e) {
            proxies.values().forEach(LinkProxy::close);
            throw e;
        }
        return new Devnet(dir, withObservers, nodes, base, proxies);
    }

    Genesis genesis() {
        return genesis;
    }

    Path genesisFile() {
        return dir.resolve(Network.GENESIS_FILE);
    }

    int size() {
        return validators.size();
    }

    NodeProcess node(int i) {
        return validators.get(i);
    }

    List<NodeProcess> validators() {
        return validators;
    }

    /** Validators that are up and not paused: the ones a client can expect answers from. */
    List<NodeProcess> runningValidators() {
        return validators.stream().filter(v -> v.isRunning() && !v.isPaused()).toList();
    }

    /** Every process this devnet started that is still alive (validators and extras). */
    List<NodeProcess> allRunning() {
        List<NodeProcess> out = new ArrayList<>(runningValidators());
        extras.stream().filter(NodeProcess::isRunning).forEach(out::add);
        return out;
    }

    /**
     * A node outside the validator set with its own key: an observer if the key is in the
     * genesis observers, otherwise an unpermissioned peer. It dials every validator and listens
     * on its own free port. Not started.
     */
    NodeProcess extraNode(String name, KeyPair key) throws IOException {
        int slot = extras.size();
        if (slot >= EXTRA_NODES) {
            throw new IllegalStateException("at most " + EXTRA_NODES + " extra nodes");
        }
        int p2pPort = basePort + 2 * size() + slot;
        int rpcPort = basePort + 2 * size() + EXTRA_NODES + slot;
        Path home = dir.resolve(name);
        Files.createDirectories(home);
        Path keyFile = home.resolve(Network.KEY_FILE);
        NodeKeyFile.write(keyFile, key, w -> {});
        List<String> args = new ArrayList<>(List.of("--name", name, "--genesis", genesisFile().toString(),
            "--key-file", keyFile.toString(), "--data-dir", home.resolve(Network.DATA_DIR).toString(),
            "--p2p-listen", "/ip4/127.0.0.1/tcp/" + p2pPort, "--rpc-host", "127.0.0.1", "--rpc-port",
            Integer.toString(rpcPort)));
        for (GenesisValidator v : genesis.validators()) {
            args.add("--p2p-peer");
            args.add(v.publicKey().toHex() + "@" + v.p2pAddress());
        }
        NodeProcess node = new NodeProcess(name, args, home.resolve(Network.DATA_DIR), dir.resolve(name + ".log"),
            rpcPort);
        extras.add(node);
        return node;
    }

    /** Starts the node and waits until its JSON-RPC answers. */
    static void startAndAwaitRpc(NodeProcess node) {
        node.start();
        awaitRpc(node);
    }

    static void awaitRpc(NodeProcess node) {
        Poll.until(node.name() + " to serve JSON-RPC", Duration.ofSeconds(60), () -> {
            if (!node.isRunning()) {
                throw new AssertionError(node.name() + " exited during start-up:\n" + node.logTail(30));
            }
            node.rpc().headHeight();
            return true;
        });
    }

    /** Starts every validator that is down, then waits for all of them to serve and agree on the head. */
    void startAllAndConverge() {
        validators.forEach(NodeProcess::resume);
        List<NodeProcess> starting = validators.stream().filter(v -> !v.isRunning()).toList();
        starting.forEach(NodeProcess::start);
        starting.forEach(Devnet::awaitRpc);
        awaitSameHead(validators, Duration.ofSeconds(60));
        Poll.until("every validator to be connected to the " + (size() - 1) + " others", Duration.ofSeconds(60),
            () -> validators.stream().allMatch(v -> v.rpc().nodeStatus().path("peers").asInt() >= size() - 1));
    }

    /**
     * Waits until all {@code nodes} report the same head height and hash; returns that height.
     * Only meaningful when no transactions are being sent.
     */
    static long awaitSameHead(List<NodeProcess> nodes, Duration timeout) {
        return Poll.value("nodes " + nodes + " to reach the same head", timeout, () -> {
            String hash = null;
            long height = -1;
            for (NodeProcess n : nodes) {
                n.assertAlive();
                var head = n.rpc().call("tally_chainInfo");
                if (hash == null) {
                    hash = head.path("headHash").asText();
                    height = head.path("headHeight").asLong();
                } else if (!hash.equals(head.path("headHash").asText())) {
                    return Optional.empty();
                }
            }
            return Optional.of(height);
        });
    }

    /** The last lines of every node's log, for a failure report. */
    String logTails(int lines) {
        StringBuilder sb = new StringBuilder();
        List<NodeProcess> all = new ArrayList<>(validators);
        all.addAll(extras);
        for (NodeProcess n : all) {
            sb.append("\n===== ").append(n).append(" — last ").append(lines).append(" lines of ").append(n.log())
                .append(" =====\n").append(n.logTail(lines)).append('\n');
        }
        return sb.toString();
    }

    /** Copies every node's log into {@code target} (to keep them after the scratch directory is gone). */
    void copyLogsTo(Path target) throws IOException {
        Files.createDirectories(target);
        List<NodeProcess> all = new ArrayList<>(validators);
        all.addAll(extras);
        for (NodeProcess n : all) {
            if (Files.exists(n.log())) {
                Files.copy(n.log(), target.resolve(n.log().getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Clogs every link between {@code side} and the other validators, both directions; links
     * inside each side keep working. Needs a network created with link proxies.
     */
    void partition(Set<Integer> side) {
        if (proxies.isEmpty()) {
            throw new IllegalStateException("this devnet was created without link proxies");
        }
        proxies.forEach((link, proxy) -> {
            if (side.contains(link.get(0)) != side.contains(link.get(1))) {
                proxy.clog();
            }
        });
    }

    /** Unclogs every link. */
    void heal() {
        proxies.values().forEach(LinkProxy::unclog);
    }

    /** Kills the observer and unpermissioned nodes, leaving the validators as they are. */
    void killExtraNodes() {
        extras.forEach(NodeProcess::kill);
    }

    private void killAll() {
        for (NodeProcess n : validators) {
            n.kill();
        }
        for (NodeProcess n : extras) {
            n.kill();
        }
    }

    @Override
    public void close() {
        killAll();
        proxies.values().forEach(LinkProxy::close);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }

    /**
     * A random block of {@code count} consecutive ports in 20000..31999 that are free on
     * 127.0.0.1 right now: below Linux's ephemeral range (32768..60999), so the kernel does not hand
     * them to outgoing connections meanwhile. genesis.json fixes each validator's address, so ports are chosen before
     * the network is written (a small race with other processes remains; it is retried elsewhere).
     */
    static int freePortBlock(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(12_000 - count);
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                free = isFree(p);
            }
            if (free) {
                return base;
            }
        }
        throw new UncheckedIOException(new IOException("no block of " + count + " free ports found"));
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
