package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import java.util.Objects;

/**
 * A record (or its absence) with its state proof. JSON: {@code {owner, key, exists, value|null,
 * proof}}.
 */
public record RecordInfo(Address owner, byte[] key, byte[] value, StateProofData proof) {
    public RecordInfo {
        Objects.requireNonNull(owner, "owner");
        key = Objects.requireNonNull(key, "key").clone();
        value = value == null ? null : value.clone();
        Objects.requireNonNull(proof, "proof");
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The value, or null if no record exists under the key. */
    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    public boolean exists() {
        return value != null;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonValues.object();
        o.put("owner", owner.toString());
        o.put("key", JsonValues.hex(key));
        o.put("exists", value != null);
        if (value == null) {
            o.putNull("value");
        } else {
            o.put("value", JsonValues.hex(value));
        }
        o.set("proof", proof.toJson());
        return o;
    }

    public static RecordInfo fromJson(JsonNode o) throws JsonFormatException {
        byte[] value = JsonValues.bytesOrNull(o, "value");
        if (JsonValues.bool(o, "exists") != (value != null)) {
            throw new JsonFormatException("'exists' disagrees with 'value'");
        }
        return new RecordInfo(JsonValues.address(o, "owner"), JsonValues.bytes(o, "key"), value,
            StateProofData.fromJson(JsonValues.field(o, "proof")));
    }
}
