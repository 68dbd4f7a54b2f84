package io.tally.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One JSON-RPC method. The dispatcher validates parameters against {@link #params()} before
 * calling, so implementations only convert. Implementations are stateless apart from the ports they
 * read through, and thread-safe.
 */
public interface RpcMethod {
    String name();

    /** One line for the OpenRPC document. */
    String summary();

    List<ParamSpec> params();

    /** What the result is, one line, for the OpenRPC document. */
    String resultDescription();

    JsonNode call(Params params) throws RpcException;

    /**
     * Starts the call. Methods that wait for other threads (transaction submission) override this so
     * a batch can run them in parallel; the future completes exceptionally only with {@link
     * RpcException}.
     */
    default CompletableFuture<JsonNode> callAsync(Params params) {
        try {
            return CompletableFuture.completedFuture(call(params));
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
