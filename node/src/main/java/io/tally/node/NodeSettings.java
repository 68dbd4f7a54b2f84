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
 */
public record NodeSettings(String name, Path dataDir, KeyPair key, Genesis genesis, String p2pListen,
        List<NodeConfig.Peer> peers, String rpcHost, int rpcPort, boolean metricsEnabled, String logLevel,
        ConsensusParams consensus) {

    public NodeSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(genesis, "genesis");
        Objects.requireNonNull(p2pListen, "p2pListen");
        peers = List.copyOf(peers);
        Objects.requireNonNull(consensus, "consensus");
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
