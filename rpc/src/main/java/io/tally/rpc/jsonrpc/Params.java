package io.tally.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Address;
import io.tally.crypto.Bytes;
import io.tally.crypto.Hash;
import io.tally.rpc.json.JsonFormatException;
import io.tally.rpc.json.JsonValues;
import java.util.Map;

/**
 * A method's parameters after validation against its schema, by name. Accessors convert; they
 * throw {@link RpcException} with {@code -32602} only for checks the schema cannot express.
 */
public final class Params {
    private final Map<String, JsonNode> values;

    Params(Map<String, JsonNode> values) {
        this.values = Map.copyOf(values);
    }

    /** For tests and internal calls. */
    public static Params of(Map<String, JsonNode> values) {
        return new Params(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public JsonNode raw(String name) {
        return values.get(name);
    }

    public long uint(String name) throws RpcException {
        try {
            return JsonValues.parseUnsigned(require(name), name);
        } catch (JsonFormatException e) {
            throw RpcException.invalidParams(name, e.getMessage());
        }
    }

    public long uint(String name, long dflt) throws RpcException {
        return has(name) ? uint(name) : dflt;
    }

    public boolean bool(String name, boolean dflt) {
        return has(name) ? values.get(name).booleanValue() : dflt;
    }

    public Hash hash(String name) throws RpcException {
        return Hash.of(bytes(name, Hash.LENGTH, Hash.LENGTH));
    }

    public Address address(String name) throws RpcException {
        try {
            return Address.parse(require(name).textValue());
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams(name, e.getMessage());
        }
    }

    /** Hex bytes of {@code min..max} length. */
    public byte[] bytes(String name, int min, int max) throws RpcException {
        String s = require(name).textValue();
        int digits = s.length() - (s.startsWith("0x") || s.startsWith("0X") ? 2 : 0);
        if (digits / 2 < min || digits / 2 > max) {
            throw RpcException.invalidParams(name, "'" + name + "' must be " + min + ".." + max + " bytes of hex");
        }
        try {
            return Bytes.fromHex(s);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams(name, "'" + name + "': " + e.getMessage());
        }
    }

    public String string(String name) throws RpcException {
        return require(name).textValue();
    }

    private JsonNode require(String name) throws RpcException {
        JsonNode v = values.get(name);
        if (v == null) {
            throw RpcException.invalidParams(name, "missing parameter '" + name + "'");
        }
        return v;
    }
}
