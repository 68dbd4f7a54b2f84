package io.tally.wallet.rpc;

import io.tally.wallet.WalletException;

/** The node answered with a JSON-RPC error object. */
public final class RpcException extends WalletException {
    private static final long serialVersionUID = 1L;
    /** docs/rpc.md: block or certificate not found. */
    public static final int NOT_FOUND = -32006;

    private final int code;

    public RpcException(int code, String message) {
        super("node refused: " + message + " (code " + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }
}
