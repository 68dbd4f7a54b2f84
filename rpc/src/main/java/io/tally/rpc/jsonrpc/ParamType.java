package io.tally.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.rpc.json.JsonFormatException;
import io.tally.rpc.json.JsonValues;

/** The types a method parameter may have, each with its check and its JSON Schema for OpenRPC. */
public enum ParamType {
    /** A non-negative integer: JSON number up to 2^53-1 or decimal string up to 2^63-1. */
    UINT,
    BOOLEAN,
    /** 32 bytes of hex. */
    HASH,
    /** Bech32 address. */
    ADDRESS,
    /** Hex bytes (length checked by the method). */
    HEX,
    STRING,
    OBJECT;

    /** Null if {@code v} is acceptable, else a one-line reason. */
    String check(JsonNode v) {
        switch (this) {
            case UINT -> {
                try {
                    JsonValues.parseUnsigned(v, "value");
                    return null;
                } catch (JsonFormatException e) {
                    return "must be a non-negative integer (a number up to 2^53-1 or a decimal string up to 2^63-1)";
                }
            }
            case BOOLEAN -> {
                return v.isBoolean() ? null : "must be true or false";
            }
            case HASH -> {
                return v.isTextual() && isHex(v.textValue(), Hash.LENGTH) ? null : "must be 32 bytes of hex";
            }
            case ADDRESS -> {
                if (!v.isTextual() || v.textValue().length() > 100) {
                    return "must be a Bech32 address";
                }
                try {
                    Address.parse(v.textValue());
                    return null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
            case HEX -> {
                return v.isTextual() && isHex(v.textValue(), -1) ? null : "must be a hex string";
            }
            case STRING -> {
                return v.isTextual() ? null : "must be a string";
            }
            case OBJECT -> {
                return v.isObject() ? null : "must be an object";
            }
            default -> throw new IllegalStateException("unhandled " + this);
        }
    }

    private static boolean isHex(String s, int bytes) {
        int start = s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
        int digits = s.length() - start;
        if (digits % 2 != 0 || (bytes >= 0 && digits != bytes * 2)) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** JSON Schema for the OpenRPC document. */
    ObjectNode schema() {
        ObjectNode s = JsonValues.object();
        switch (this) {
            case UINT -> {
                s.putArray("type").add("integer").add("string");
                s.put("pattern", "^[0-9]{1,19}$");
                s.put("minimum", 0);
            }
            case BOOLEAN -> s.put("type", "boolean");
            case HASH -> {
                s.put("type", "string");
                s.put("pattern", "^(0x)?[0-9a-fA-F]{64}$");
            }
            case ADDRESS -> {
                s.put("type", "string");
                s.put("pattern", "^tly1[02-9ac-hj-np-z]+$");
            }
            case HEX -> {
                s.put("type", "string");
                s.put("pattern", "^(0x)?([0-9a-fA-F]{2})*$");
            }
            case STRING -> s.put("type", "string");
            case OBJECT -> s.put("type", "object");
            default -> throw new IllegalStateException("unhandled " + this);
        }
        return s;
    }
}
