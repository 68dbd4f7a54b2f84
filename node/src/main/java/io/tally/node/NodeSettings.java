package io.tally.node;

import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import io.tally.genesis.ConsensusParams;
import io.tally.genesis.Genesis;
import io.tally.genesis.NodeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a node process runs with, resolved and validated: the config file with command-line
 * overrides applied, the genesis it belongs to and its key.
 *
 * @param peers validators and observers to dial (key + multiaddr text without {@code /p2p})
 * @param minBlockIntervalMillis as primary, how long a block may collect transactions after the
 *     previous commit unless a full block is waiting (local policy; 0 = propose at once)
 */
public record NodeSettings(String name, Path dataDir, KeyPair key, Genesis genesis, String p2pListen,
        List<NodeConfig.Peer> peers, String rpcHost, int rpcPort, boolean metricsEnabled, String logLevel,
        ConsensusParams consensus, long minBlockIntervalMillis) {

    public NodeSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(genesis, "genesis");
        Objects.requireNonNull(p2pListen, "p2pListen");
        peers = List.copyOf(peers);
        Objects.requireNonNull(consensus, "consensus");
        if (minBlockIntervalMillis < 0 || minBlockIntervalMillis > NodeConfig.ConsensusOverrides.MAX_MIN_BLOCK_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("the minimum block interval must be 0.."
                + NodeConfig.ConsensusOverrides.MAX_MIN_BLOCK_INTERVAL_MILLIS + " ms, got " + minBlockIntervalMillis);
        }
    }

    public String chainId() {
        return genesis.chainId();
    }

    /** This node's replica id, or -1 for an observer (a node whose key is not a validator's). */
    public int validatorIndex() {
        return genesis.validatorSet().indexOf(key.publicKey());
    }

    public boolean isValidator() {
        return validatorIndex() >= 0;
    }

    /** Public keys allowed to connect over p2p: the validators and the genesis observers. */
    public List<PublicKey> allowedKeys() {
        List<PublicKey> out = new java.util.ArrayList<>(genesis.validatorSet().validators());
        out.addAll(genesis.observers());
        return out;
    }
}
