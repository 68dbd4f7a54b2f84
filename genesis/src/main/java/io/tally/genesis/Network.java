package io.tally.genesis;

import io.tally.crypto.Ed25519;
import io.tally.crypto.KeyPair;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A freshly generated chain: the genesis, one key per validator (same order) and the spec it was
 * built from. Pure apart from the randomness it is given; {@link NetworkWriter} puts it on disk.
 */
public record Network(NetworkSpec spec, Genesis genesis, List<KeyPair> keys) {
    public static final String GENESIS_FILE = "genesis.json";
    public static final String NODE_CONFIG_FILE = "node.json";
    public static final String KEY_FILE = "node_key.json";
    public static final String DATA_DIR = "data";

    public Network {
        keys = List.copyOf(keys);
        if (keys.size() != genesis.validators().size()) {
            throw new IllegalStateException("one key per validator");
        }
    }

    /** Generates {@code spec.validators()} Ed25519 keys from {@code random} and the genesis for them. */
    public static Network generate(NetworkSpec spec, SecureRandom random) {
        List<KeyPair> keys = new ArrayList<>();
        List<GenesisValidator> validators = new ArrayList<>();
        for (int i = 0; i < spec.validators(); i++) {
            KeyPair k = Ed25519.generate(random);
            keys.add(k);
            validators.add(new GenesisValidator(nodeName(i), k.publicKey(), spec.p2pAddress(i)));
        }
        Genesis g = new Genesis(spec.chainId(), spec.genesisTime(), validators, spec.alloc(), spec.consensus(),
                List.of());
        return new Network(spec, g, keys);
    }

    public static String nodeName(int i) {
        return "node" + i;
    }

    /** Validator {@code i}'s config, with absolute paths under {@code outDir}. */
    public NodeConfig nodeConfig(int i, Path outDir) {
        Path nodeDir = outDir.resolve(nodeName(i));
        List<NodeConfig.Peer> peers = new ArrayList<>();
        for (int j = 0; j < keys.size(); j++) {
            if (j != i) {
                GenesisValidator v = genesis.validators().get(j);
                peers.add(new NodeConfig.Peer(v.publicKey(), v.p2pAddress()));
            }
        }
        return new NodeConfig(nodeName(i), nodeDir.resolve(DATA_DIR), nodeDir.resolve(KEY_FILE),
                outDir.resolve(GENESIS_FILE), spec.listenAddress(i), peers, spec.bindHost(), spec.baseRpcPort() + i,
                true, NodeConfig.LogLevel.INFO, NodeConfig.ConsensusOverrides.NONE);
    }
}
