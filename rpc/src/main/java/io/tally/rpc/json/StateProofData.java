package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import java.util.Arrays;
import java.util.Objects;

/**
 * A state proof as served: the proof bytes ({@code StateProof.encode()}), the state key and value
 * (null when absent) it is about, and the root and block height it is relative to. JSON:
 * {@code {height, stateRoot, key, value|null, proof}}. Verify with the ledger's pure verifier
 * against the {@code stateRoot} of the (certified) header at {@code height}.
 */
public record StateProofData(long height, Hash stateRoot, byte[] key, byte[] value, byte[] proof) {
    public StateProofData {
        Objects.requireNonNull(stateRoot, "stateRoot");
        key = Objects.requireNonNull(key, "key").clone();
        value = value == null ? null : value.clone();
        proof = Objects.requireNonNull(proof, "proof").clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The proven value, or null for a proof of absence. */
    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonValues.object();
        o.put("height", height);
        o.put("stateRoot", stateRoot.toHex());
        o.put("key", JsonValues.hex(key));
        if (value == null) {
            o.putNull("value");
        } else {
            o.put("value", JsonValues.hex(value));
        }
        o.put("proof", JsonValues.hex(proof));
        return o;
    }

    public static StateProofData fromJson(JsonNode o) throws JsonFormatException {
        return new StateProofData(JsonValues.unsigned(o, "height"), JsonValues.hash(o, "stateRoot"),
            JsonValues.bytes(o, "key"), JsonValues.bytesOrNull(o, "value"), JsonValues.bytes(o, "proof"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateProofData s && height == s.height && stateRoot.equals(s.stateRoot)
            && Arrays.equals(key, s.key) && Arrays.equals(value, s.value) && Arrays.equals(proof, s.proof);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, stateRoot, Arrays.hashCode(key), Arrays.hashCode(proof));
    }

    @Override
    public String toString() {
        return "StateProofData[height=" + height + ", root=" + stateRoot + ", key=" + JsonValues.hex(key) + "]";
    }
}
