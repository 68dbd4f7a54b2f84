package io.tally.rpc.jsonrpc;

/** JSON-RPC error codes: the specification's and Tally's application codes (docs/rpc.md). */
public final class ErrorCode {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    public static final int INVALID_SIGNATURE = -32001;
    public static final int WRONG_CHAIN = -32002;
    public static final int NONCE_TOO_LOW = -32003;
    public static final int NONCE_GAP = -32004;
    public static final int MEMPOOL_FULL = -32005;
    public static final int NOT_FOUND = -32006;
    public static final int ALREADY_KNOWN = -32007;
    public static final int INVALID_TRANSACTION = -32008;
    public static final int TIMEOUT = -32009;
    public static final int SUBSCRIPTION_LIMIT = -32010;

    private ErrorCode() {}
}
