package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.CommitSignature;
import io.tally.ledger.block.ValidatorSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Commit certificates as JSON: {@code height, view, blockHash, signatures[{validatorIndex,
 * signature}]}. Verify the decoded certificate with {@link CommitCertificate#verifyFor}.
 */
public final class CertificateJson {
    private CertificateJson() {}

    public static ObjectNode toJson(CommitCertificate c) {
        ObjectNode o = JsonValues.object();
        o.put("height", c.height());
        o.put("view", c.view());
        o.put("blockHash", c.blockHash().toHex());
        ArrayNode sigs = o.putArray("signatures");
        for (CommitSignature s : c.signatures()) {
            ObjectNode so = sigs.addObject();
            so.put("validatorIndex", s.validatorIndex());
            so.put("signature", s.signature().toHex());
        }
        return o;
    }

    public static CommitCertificate fromJson(JsonNode o) throws JsonFormatException {
        JsonNode arr = JsonValues.arrayField(o, "signatures", ValidatorSet.MAX_VALIDATORS);
        List<CommitSignature> sigs = new ArrayList<>(arr.size());
        try {
            for (JsonNode s : arr) {
                sigs.add(new CommitSignature(JsonValues.index(s, "validatorIndex"), JsonValues.signature(s, "signature")));
            }
            return new CommitCertificate(JsonValues.unsigned(o, "height"), JsonValues.unsigned(o, "view"),
                JsonValues.hash(o, "blockHash"), sigs);
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException("invalid certificate: " + e.getMessage());
        }
    }
}
