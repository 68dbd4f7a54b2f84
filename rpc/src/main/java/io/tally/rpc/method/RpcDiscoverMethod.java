package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.rpc.jsonrpc.OpenRpc;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcMethod;
import java.util.Collection;
import java.util.List;

/** {@code rpc.discover}: the OpenRPC document of the table it belongs to, built once. */
public final class RpcDiscoverMethod implements RpcMethod {
    private volatile JsonNode document;

    void describe(Collection<RpcMethod> methods) {
        this.document = OpenRpc.document(methods);
    }

    @Override
    public String name() {
        return "rpc.discover";
    }

    @Override
    public String summary() {
        return "The OpenRPC description of every method.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public String resultDescription() {
        return "OpenRPC 1.2.6 document";
    }

    @Override
    public JsonNode call(Params params) {
        JsonNode d = document;
        if (d == null) {
            throw new IllegalStateException("rpc.discover used before its table was built");
        }
        return d.deepCopy();
    }
}
