package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.PublicKey;
import io.tally.ledger.block.ValidatorSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A validator set as JSON: {@code validatorSetHash, size, quorum, maxFaulty,
 * validators[{index, publicKey, address}]}. Decoding rebuilds the set and checks its hash.
 */
public final class ValidatorJson {
    private ValidatorJson() {}

    public static ArrayNode listToJson(ValidatorSet set) {
        ArrayNode arr = JsonValues.array();
        for (int i = 0; i < set.size(); i++) {
            ObjectNode v = arr.addObject();
            v.put("index", i);
            v.put("publicKey", set.get(i).toHex());
            v.put("address", set.get(i).address().toString());
        }
        return arr;
    }

    public static ObjectNode toJson(ValidatorSet set) {
        ObjectNode o = JsonValues.object();
        o.put("validatorSetHash", set.hash().toHex());
        o.put("size", set.size());
        o.put("quorum", set.quorum());
        o.put("maxFaulty", set.maxFaulty());
        o.set("validators", listToJson(set));
        return o;
    }

    /** Rebuilds the set from {@code validators} (in index order) and checks {@code validatorSetHash}. */
    public static ValidatorSet fromJson(JsonNode o) throws JsonFormatException {
        JsonNode arr = JsonValues.arrayField(o, "validators", ValidatorSet.MAX_VALIDATORS);
        List<PublicKey> keys = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            if (JsonValues.index(arr.get(i), "index") != i) {
                throw new JsonFormatException("validators must be listed in index order");
            }
            keys.add(JsonValues.publicKey(arr.get(i), "publicKey"));
        }
        ValidatorSet set;
        try {
            set = new ValidatorSet(keys);
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException("invalid validator set: " + e.getMessage());
        }
        if (!set.hash().equals(JsonValues.hash(o, "validatorSetHash"))) {
            throw new JsonFormatException("validatorSetHash does not match the listed validators");
        }
        return set;
    }
}
