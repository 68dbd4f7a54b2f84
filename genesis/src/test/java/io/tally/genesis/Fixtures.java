package io.tally.genesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deterministic keys, addresses and a valid genesis tree that tests mutate. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static KeyPair key(int i) {
        byte[] seed = new byte[32];
        seed[0] = (byte) i;
        seed[1] = (byte) (i >>> 8);
        seed[31] = 7;
        return KeyPair.fromSeed(seed);
    }

    static Genesis genesis(int validators, int allocations) {
        List<GenesisValidator> vs = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            vs.add(new GenesisValidator("node" + i, key(i).publicKey(),
                    P2pAddress.parse("/ip4/127.0.0.1/tcp/" + (26656 + i))));
        }
        List<Allocation> alloc = new ArrayList<>();
        for (int i = 0; i < allocations; i++) {
            alloc.add(new Allocation(key(1000 + i).address(), 1_000_000L * (i + 1)));
        }
        return new Genesis("tally-test", Instant.parse("2025-01-01T00:00:00Z"), vs, alloc,
                ConsensusParams.DEFAULTS, List.of(key(2000).publicKey()));
    }

    /** A valid genesis (4 validators, 2 allocations, 1 observer) as a mutable JSON tree. */
    static ObjectNode validTree() {
        try {
            return (ObjectNode) JSON.readTree(GenesisJson.write(genesis(4, 2)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode validator(ObjectNode root, int i) {
        return (ObjectNode) ((ArrayNode) root.get("validators")).get(i);
    }

    static ObjectNode alloc(ObjectNode root, int i) {
        return (ObjectNode) ((ArrayNode) root.get("alloc")).get(i);
    }

    static byte[] bytes(Object tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
