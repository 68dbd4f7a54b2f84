package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import java.util.Objects;

/**
 * The outcome of executing a committed transaction. {@code code} is {@code "OK"} on success, else
 * the ledger's failure code (e.g. {@code INSUFFICIENT_FUNDS}); {@code message} explains it. JSON:
 * {@code {txHash, height, index, success, code, message}}.
 */
public record Receipt(Hash txHash, long height, int index, boolean success, String code, String message) {
    public Receipt {
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonValues.object();
        o.put("txHash", txHash.toHex());
        o.put("height", height);
        o.put("index", index);
        o.put("success", success);
        o.put("code", code);
        o.put("message", message);
        return o;
    }

    public static Receipt fromJson(JsonNode o) throws JsonFormatException {
        return new Receipt(JsonValues.hash(o, "txHash"), JsonValues.unsigned(o, "height"), JsonValues.index(o, "index"),
            JsonValues.bool(o, "success"), JsonValues.text(o, "code"), JsonValues.text(o, "message"));
    }
}
