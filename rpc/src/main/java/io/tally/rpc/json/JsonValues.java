package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import io.tally.crypto.Bytes;
import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Signature;
import java.util.ArrayList;
import java.util.List;

/** Field readers and writers shared by the codecs, applying the documented conventions. */
public final class JsonValues {
    /** Largest integer a JSON number may carry without loss in common clients. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Lowercase hex without prefix. */
    public static String hex(byte[] b) {
        return Bytes.toHex(b);
    }

    public static JsonNode field(JsonNode obj, String name) throws JsonFormatException {
        if (obj == null || !obj.isObject()) {
            throw new JsonFormatException("expected an object holding '" + name + "'");
        }
        JsonNode v = obj.get(name);
        if (v == null || v.isMissingNode()) {
            throw new JsonFormatException("missing field '" + name + "'");
        }
        return v;
    }

    public static String text(JsonNode obj, String name) throws JsonFormatException {
        JsonNode v = field(obj, name);
        if (!v.isTextual()) {
            throw new JsonFormatException("field '" + name + "' must be a string");
        }
        return v.textValue();
    }

    public static byte[] bytes(JsonNode obj, String name) throws JsonFormatException {
        return parseHex(text(obj, name), name);
    }

    /** Hex bytes, or null if the field is JSON null. */
    public static byte[] bytesOrNull(JsonNode obj, String name) throws JsonFormatException {
        JsonNode v = field(obj, name);
        return v.isNull() ? null : bytes(obj, name);
    }

    public static byte[] parseHex(String s, String what) throws JsonFormatException {
        try {
            return Bytes.fromHex(s);
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException(what + ": " + e.getMessage());
        }
    }

    public static Hash hash(JsonNode obj, String name) throws JsonFormatException {
        byte[] b = bytes(obj, name);
        if (b.length != Hash.LENGTH) {
            throw new JsonFormatException("field '" + name + "' must be " + Hash.LENGTH + " bytes of hex");
        }
        return Hash.of(b);
    }

    public static PublicKey publicKey(JsonNode obj, String name) throws JsonFormatException {
        byte[] b = bytes(obj, name);
        if (b.length != PublicKey.LENGTH) {
            throw new JsonFormatException("field '" + name + "' must be a 32-byte public key");
        }
        return PublicKey.of(b);
    }

    public static Signature signature(JsonNode obj, String name) throws JsonFormatException {
        byte[] b = bytes(obj, name);
        if (b.length != Signature.LENGTH) {
            throw new JsonFormatException("field '" + name + "' must be a 64-byte signature");
        }
        return Signature.of(b);
    }

    public static Address address(JsonNode obj, String name) throws JsonFormatException {
        try {
            return Address.parse(text(obj, name));
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException("field '" + name + "': " + e.getMessage());
        }
    }

    /** A JSON integer 0..2^53-1, or a decimal string 0..2^63-1. */
    public static long unsigned(JsonNode obj, String name) throws JsonFormatException {
        return parseUnsigned(field(obj, name), name);
    }

    public static long parseUnsigned(JsonNode v, String name) throws JsonFormatException {
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong() && v.longValue() >= 0 && v.longValue() <= MAX_SAFE_INTEGER) {
                return v.longValue();
            }
            throw new JsonFormatException("'" + name + "' is out of range (0.." + MAX_SAFE_INTEGER
                + " as a number; use a decimal string for larger values)");
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new JsonFormatException("'" + name + "' must be a decimal string of at most 19 digits");
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new JsonFormatException("'" + name + "' exceeds 2^63-1");
            }
        }
        throw new JsonFormatException("'" + name + "' must be a non-negative integer or a decimal string");
    }

    public static int index(JsonNode obj, String name) throws JsonFormatException {
        long v = unsigned(obj, name);
        if (v > Integer.MAX_VALUE) {
            throw new JsonFormatException("'" + name + "' is out of range");
        }
        return (int) v;
    }

    public static boolean bool(JsonNode obj, String name) throws JsonFormatException {
        JsonNode v = field(obj, name);
        if (!v.isBoolean()) {
            throw new JsonFormatException("field '" + name + "' must be a boolean");
        }
        return v.booleanValue();
    }

    public static JsonNode arrayField(JsonNode obj, String name, int maxSize) throws JsonFormatException {
        JsonNode v = field(obj, name);
        if (!v.isArray()) {
            throw new JsonFormatException("field '" + name + "' must be an array");
        }
        if (v.size() > maxSize) {
            throw new JsonFormatException("field '" + name + "' has more than " + maxSize + " elements");
        }
        return v;
    }

    public static ArrayNode hashes(List<Hash> hashes) {
        ArrayNode a = array();
        for (Hash h : hashes) {
            a.add(h.toHex());
        }
        return a;
    }

    public static List<Hash> hashList(JsonNode obj, String name, int maxSize) throws JsonFormatException {
        JsonNode arr = arrayField(obj, name, maxSize);
        List<Hash> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonNode e = arr.get(i);
            if (!e.isTextual()) {
                throw new JsonFormatException(name + "[" + i + "] must be a hex string");
            }
            byte[] b = parseHex(e.textValue(), name + "[" + i + "]");
            if (b.length != Hash.LENGTH) {
                throw new JsonFormatException(name + "[" + i + "] must be 32 bytes");
            }
            out.add(Hash.of(b));
        }
        return out;
    }
}
