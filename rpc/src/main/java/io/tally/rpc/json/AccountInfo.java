package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import java.util.Objects;

/**
 * An account with its state proof. {@code pendingNonce} (the next nonce to use given this node's
 * pending transactions) is informational and not covered by the proof. JSON:
 * {@code {address, balance, nonce, pendingNonce, proof}} with the numbers as decimal strings.
 */
public record AccountInfo(Address address, long balance, long nonce, long pendingNonce, StateProofData proof) {
    public AccountInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(proof, "proof");
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonValues.object();
        o.put("address", address.toString());
        o.put("balance", Long.toString(balance));
        o.put("nonce", Long.toString(nonce));
        o.put("pendingNonce", Long.toString(pendingNonce));
        o.set("proof", proof.toJson());
        return o;
    }

    public static AccountInfo fromJson(JsonNode o) throws JsonFormatException {
        return new AccountInfo(JsonValues.address(o, "address"), JsonValues.unsigned(o, "balance"),
            JsonValues.unsigned(o, "nonce"), JsonValues.unsigned(o, "pendingNonce"),
            StateProofData.fromJson(JsonValues.field(o, "proof")));
    }
}
