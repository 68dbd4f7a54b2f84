package io.tally.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tally.crypto.Hash;
import io.tally.rpc.json.JsonFormatException;
import io.tally.rpc.json.JsonValues;
import io.tally.rpc.jsonrpc.ErrorCode;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** {@code tally_subscribe} on one WebSocket connection: {@code newBlocks} or {@code txStatus}. */
final class SubscribeMethod implements RpcMethod {
    static final int MAX_HASHES = 256;
    private static final AtomicLong IDS = new AtomicLong();

    private final WsClient client;
    private final Consumer<Subscription> created;
    private final int maxSubscriptions;

    /**
     * @param created receives each new subscription; the caller starts it on the hub only after the
     *     subscribe response is queued, so the client learns the id before the first notification
     */
    SubscribeMethod(WsClient client, Consumer<Subscription> created, int maxSubscriptions) {
        this.client = client;
        this.created = created;
        this.maxSubscriptions = maxSubscriptions;
    }

    @Override
    public String name() {
        return "tally_subscribe";
    }

    @Override
    public String summary() {
        return "WebSocket only: subscribes to newBlocks or txStatus, optionally from a height.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("topic", ParamType.STRING, "newBlocks or txStatus"),
            ParamSpec.optional("options", ParamType.OBJECT, "{fromHeight, fullTransactions} or {hashes, fromHeight}"));
    }

    @Override
    public String resultDescription() {
        return "subscription id";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        String topic = p.string("topic");
        JsonNode options = p.has("options") ? p.raw("options") : JsonValues.object();
        long from = -1;
        boolean full = false;
        Set<Hash> hashes = new HashSet<>();
        try {
            for (Iterator<String> it = options.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                boolean known = f.equals("fromHeight") || (topic.equals("newBlocks") && f.equals("fullTransactions"))
                    || (topic.equals("txStatus") && f.equals("hashes"));
                if (!known) {
                    throw RpcException.invalidParams("options", "unknown option '" + (f.length() > 50 ? "..." : f) + "'");
                }
            }
            if (options.has("fromHeight")) {
                from = JsonValues.unsigned(options, "fromHeight");
            }
            if (options.has("fullTransactions")) {
                full = JsonValues.bool(options, "fullTransactions");
            }
            if (topic.equals("txStatus")) {
                hashes.addAll(JsonValues.hashList(options, "hashes", MAX_HASHES));
                if (hashes.isEmpty()) {
                    throw RpcException.invalidParams("options", "'hashes' must list 1.." + MAX_HASHES + " hashes");
                }
            }
        } catch (JsonFormatException e) {
            throw RpcException.invalidParams("options", e.getMessage());
        }
        Subscription.Topic t = switch (topic) {
            case "newBlocks" -> Subscription.Topic.NEW_BLOCKS;
            case "txStatus" -> Subscription.Topic.TX_STATUS;
            default -> throw RpcException.invalidParams("topic", "topic must be newBlocks or txStatus");
        };
        synchronized (client) {
            if (client.subscriptions.size() >= maxSubscriptions) {
                throw new RpcException(ErrorCode.SUBSCRIPTION_LIMIT,
                    "at most " + maxSubscriptions + " subscriptions per connection");
            }
            Subscription s = new Subscription("s" + IDS.incrementAndGet(), client, t, full, hashes, from);
            client.subscriptions.put(s.id, s);
            created.accept(s);
            return TextNode.valueOf(s.id);
        }
    }
}
