package io.tally.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import java.util.List;

/** {@code tally_unsubscribe}: ends one of this connection's subscriptions. */
final class UnsubscribeMethod implements RpcMethod {
    private final WsClient client;
    private final SubscriptionHub hub;

    UnsubscribeMethod(WsClient client, SubscriptionHub hub) {
        this.client = client;
        this.hub = hub;
    }

    @Override
    public String name() {
        return "tally_unsubscribe";
    }

    @Override
    public String summary() {
        return "WebSocket only: ends a subscription of this connection.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("subscription", ParamType.STRING, "subscription id"));
    }

    @Override
    public String resultDescription() {
        return "true if the subscription existed";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        Subscription s = client.subscriptions.remove(p.string("subscription"));
        if (s != null) {
            hub.remove(s);
        }
        return BooleanNode.valueOf(s != null);
    }
}
