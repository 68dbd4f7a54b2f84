package io.tally.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error to return to the caller: code, one-line message, optional data. */
public final class RpcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient JsonNode data;

    public RpcException(int code, String message) {
        this(code, message, null);
    }

    public RpcException(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** Null when there is no data. */
    public JsonNode data() {
        return data;
    }

    public static RpcException invalidParams(String param, String message) {
        com.fasterxml.jackson.databind.node.ObjectNode d = io.tally.rpc.json.JsonValues.object();
        d.put("param", param);
        return new RpcException(ErrorCode.INVALID_PARAMS, message, d);
    }

    public static RpcException notFound(String message) {
        return new RpcException(ErrorCode.NOT_FOUND, message);
    }
}
