package io.tally.genesis;

import io.tally.crypto.PublicKey;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One node's local settings, read from {@code node.json} by {@link NodeConfigJson}. Paths are
 * absolute here (the reader resolves relative ones against the config file's directory). Every
 * option may be overridden by the node's command line; this record is only the file's view.
 *
 * @param name label for logs and metrics
 * @param dataDir where the node keeps its database and consensus WAL
 * @param keyFile the node's Ed25519 key, read with {@link NodeKeyFile#read(Path)}
 * @param genesisFile the chain's genesis.json
 * @param p2pListen the multiaddr to listen on (port 0: any free port)
 * @param peers the other nodes to dial; their peer ids derive from the keys
 * @param rpcHost interface the JSON-RPC server binds to
 * @param rpcPort its port (0: any free port)
 * @param metricsEnabled whether to expose Prometheus metrics
 * @param logLevel the root log level
 * @param consensus local overrides of the genesis timing parameters
 */
public record NodeConfig(String name, Path dataDir, Path keyFile, Path genesisFile, P2pAddress p2pListen,
        List<Peer> peers, String rpcHost, int rpcPort, boolean metricsEnabled, LogLevel logLevel,
        ConsensusOverrides consensus) {
    public static final int FORMAT = 1;
    public static final int MAX_PEERS = 1024;

    public NodeConfig {
        Names.check(name, "node name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(genesisFile, "genesisFile");
        Objects.requireNonNull(p2pListen, "p2pListen");
        peers = List.copyOf(peers);
        if (peers.size() > MAX_PEERS) {
            throw new IllegalArgumentException("at most " + MAX_PEERS + " peers");
        }
        Set<PublicKey> keys = new HashSet<>();
        for (Peer p : peers) {
            if (!keys.add(p.publicKey())) {
                throw new IllegalArgumentException("peer " + p.publicKey().toHex() + " listed twice");
            }
        }
        P2pAddress.checkHost(rpcHost);
        if (rpcPort < 0 || rpcPort > 65535) {
            throw new IllegalArgumentException("rpc port must be 0..65535, got " + rpcPort);
        }
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(consensus, "consensus");
    }

    /** A peer to dial: its key (from which the node derives the libp2p peer id) and address. */
    public record Peer(PublicKey publicKey, P2pAddress address) {
        public Peer {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Root log levels, written in lower case in the file. */
    public enum LogLevel {
        ERROR, WARN, INFO, DEBUG, TRACE;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Local overrides of the genesis timing parameters. Block limits are not overridable: they
     * are validity rules every replica must apply identically.
     */
    public record ConsensusOverrides(OptionalLong viewTimeoutMillisBase, OptionalInt viewTimeoutMaxMultiplier,
            OptionalLong heartbeatMillis, OptionalLong minBlockIntervalMillis) {
        /** The default floor between this node's proposals; see {@code minBlockIntervalMillis}. */
        public static final long DEFAULT_MIN_BLOCK_INTERVAL_MILLIS = 50;
        public static final long MAX_MIN_BLOCK_INTERVAL_MILLIS = 60_000;
        public static final ConsensusOverrides NONE = new ConsensusOverrides(OptionalLong.empty(), OptionalInt.empty(),
                OptionalLong.empty(), OptionalLong.empty());

        public ConsensusOverrides {
            Objects.requireNonNull(viewTimeoutMillisBase, "viewTimeoutMillisBase");
            Objects.requireNonNull(viewTimeoutMaxMultiplier, "viewTimeoutMaxMultiplier");
            Objects.requireNonNull(heartbeatMillis, "heartbeatMillis");
            Objects.requireNonNull(minBlockIntervalMillis, "minBlockIntervalMillis");
        }

        /**
         * How long this node, as primary, lets a block collect transactions after the previous
         * commit unless a full block is waiting. Local policy, not a consensus rule: other
         * validators do not check block spacing.
         */
        public long minBlockIntervalOrDefault() {
            return minBlockIntervalMillis.orElse(DEFAULT_MIN_BLOCK_INTERVAL_MILLIS);
        }

        /** The parameters this node runs with: genesis values with these overrides applied. */
        public ConsensusParams applyTo(ConsensusParams g) {
            return new ConsensusParams(g.maxBlockTransactions(), g.maxBlockBytes(),
                    viewTimeoutMillisBase.orElse(g.viewTimeoutMillisBase()),
                    viewTimeoutMaxMultiplier.orElse(g.viewTimeoutMaxMultiplier()),
                    heartbeatMillis.orElse(g.heartbeatMillis()));
        }

        public boolean isEmpty() {
            return this.equals(NONE);
        }
    }
}
