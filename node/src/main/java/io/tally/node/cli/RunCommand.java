package io.tally.node.cli;

import io.tally.genesis.ConsensusParams;
import io.tally.genesis.Genesis;
import io.tally.genesis.GenesisJson;
import io.tally.genesis.InvalidFileException;
import io.tally.genesis.NodeConfig;
import io.tally.genesis.NodeConfigJson;
import io.tally.genesis.NodeKeyFile;
import io.tally.genesis.P2pAddress;
import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import io.tally.node.Node;
import io.tally.node.NodeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tally-node run}: reads the config file, applies the command-line overrides, and runs the
 * node until SIGTERM/SIGINT. Exit codes: 0 clean shutdown, 1 configuration or start-up error
 * (printed as one line), 3 a fatal runtime error (consensus halted, storage failure).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a node. Every config-file option can be overridden by a flag.",
        "Example: tally-node run --config net/node0/node.json --rpc-port 9000"})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "node.json written by 'genesis new'.")
    Path config;

    @Option(names = "--name", description = "Node name used in logs.")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Ledger data directory.")
    Path dataDir;

    @Option(names = "--key-file", paramLabel = "FILE", description = "Node key file (owner-only permissions).")
    Path keyFile;

    @Option(names = "--genesis", paramLabel = "FILE", description = "genesis.json of the network.")
    Path genesisFile;

    @Option(names = "--p2p-listen", paramLabel = "MULTIADDR", description = "e.g. /ip4/127.0.0.1/tcp/26656")
    String p2pListen;

    @Option(names = "--p2p-peer", paramLabel = "PUBKEY@MULTIADDR",
        description = "Peer to dial (replaces the config file's list when given; repeatable).")
    List<String> p2pPeers;

    @Option(names = "--rpc-host", description = "JSON-RPC bind address.")
    String rpcHost;

    @Option(names = "--rpc-port", description = "JSON-RPC port (0 = any free port).")
    Integer rpcPort;

    @Option(names = "--metrics", negatable = true, description = "Serve /metrics (Prometheus).")
    Boolean metrics;

    @Option(names = "--log-level", description = "error, warn, info, debug or trace.")
    String logLevel;

    @Option(names = "--view-timeout-ms", description = "Base view-change timeout.")
    Long viewTimeoutMillis;

    @Option(names = "--view-timeout-max-multiplier", description = "Cap of the view timeout, as a multiple of the base.")
    Integer viewTimeoutMaxMultiplier;

    @Option(names = "--heartbeat-ms", description = "Propose empty blocks this often (0 = never).")
    Long heartbeatMillis;

    @Option(names = "--min-block-interval-ms", description = "As primary, let a block collect transactions this long"
        + " after the previous commit unless a full block is waiting (default 50; 0 = propose at once).")
    Long minBlockIntervalMillis;

    @Override
    public Integer call() throws Exception {
        NodeSettings settings;
        try {
            settings = resolve();
        } catch (InvalidFileException e) {
            System.err.println("tally-node: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("tally-node: " + e.getMessage());
            return 1;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", settings.logLevel());
        return Node.runUntilShutdown(settings);
    }

    NodeSettings resolve() throws InvalidFileException {
        NodeConfig c = config == null ? null : NodeConfigJson.read(config);
        Path genesisPath = pick(genesisFile, c == null ? null : c.genesisFile(), "--genesis");
        Genesis genesis = GenesisJson.read(genesisPath);
        Path keyPath = pick(keyFile, c == null ? null : c.keyFile(), "--key-file");
        KeyPair key = NodeKeyFile.read(keyPath, warning -> System.err.println("tally-node: warning: " + warning));
        Path data = pick(dataDir, c == null ? null : c.dataDir(), "--data-dir");
        String listen = p2pListen != null ? P2pAddress.parse(p2pListen).toString()
            : pick(null, c == null ? null : c.p2pListen().toString(), "--p2p-listen");
        List<NodeConfig.Peer> peers = new ArrayList<>();
        if (p2pPeers != null) {
            for (String p : p2pPeers) {
                int at = p.indexOf('@');
                if (at < 0) {
                    throw new IllegalArgumentException("--p2p-peer must be PUBKEY@MULTIADDR, got '" + p + "'");
                }
                peers.add(new NodeConfig.Peer(PublicKey.fromHex(p.substring(0, at)), P2pAddress.parse(p.substring(at + 1))));
            }
        } else if (c != null) {
            peers.addAll(c.peers());
        }
        ConsensusParams params = genesis.consensus();
        if (c != null) {
            params = c.consensus().applyTo(params);
        }
        params = new ConsensusParams(params.maxBlockTransactions(), params.maxBlockBytes(),
            viewTimeoutMillis != null ? viewTimeoutMillis : params.viewTimeoutMillisBase(),
            viewTimeoutMaxMultiplier != null ? viewTimeoutMaxMultiplier : params.viewTimeoutMaxMultiplier(),
            heartbeatMillis != null ? heartbeatMillis : params.heartbeatMillis());
        String level = logLevel != null ? logLevel : c != null ? c.logLevel().name().toLowerCase(java.util.Locale.ROOT) : "info";
        if (!List.of("error", "warn", "info", "debug", "trace").contains(level)) {
            throw new IllegalArgumentException("--log-level must be one of error, warn, info, debug, trace");
        }
        String nodeName = name != null ? name : c != null ? c.name() : "node";
        return new NodeSettings(nodeName, data, key, genesis, listen, peers,
            rpcHost != null ? rpcHost : c != null ? c.rpcHost() : "127.0.0.1",
            rpcPort != null ? rpcPort : c != null ? c.rpcPort() : 8545,
            metrics != null ? metrics : c == null || c.metricsEnabled(), level, params,
            minBlockIntervalMillis != null ? minBlockIntervalMillis
                : (c != null ? c.consensus() : NodeConfig.ConsensusOverrides.NONE).minBlockIntervalOrDefault());
    }

    private static <T> T pick(T flag, T fromConfig, String option) {
        if (flag != null) {
            return flag;
        }
        if (fromConfig != null) {
            return fromConfig;
        }
        throw new IllegalArgumentException("missing " + option + " (give --config FILE or the flag)");
    }
}
