package io.tally.rpc.jsonrpc;

/** Told about every call, for metrics. {@code method} is a registered name or {@code "unknown"}. */
@FunctionalInterface
public interface RpcObserver {
    RpcObserver NONE = (method, outcome) -> { };

    /** {@code outcome} is {@code "ok"} or the error code as a string. */
    void onCall(String method, String outcome);
}
