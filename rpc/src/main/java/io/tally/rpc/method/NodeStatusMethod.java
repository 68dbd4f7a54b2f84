package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.rpc.json.JsonValues;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.NodeStatus;
import io.tally.rpc.port.NodeStatusQuery;
import io.tally.rpc.port.TxSubmitter;
import java.util.List;

/** {@code tally_nodeStatus}: height, peers, sync state and mempool occupancy. */
public final class NodeStatusMethod implements RpcMethod {
    private final NodeStatusQuery node;
    private final TxSubmitter pool;

    public NodeStatusMethod(NodeStatusQuery node, TxSubmitter pool) {
        this.node = node;
        this.pool = pool;
    }

    @Override
    public String name() {
        return "tally_nodeStatus";
    }

    @Override
    public String summary() {
        return "This node's height, peer count, sync state and mempool occupancy.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public String resultDescription() {
        return "{height, peers, syncing, quorumConnected, mempoolSize, mempoolBytes}";
    }

    @Override
    public JsonNode call(Params params) {
        NodeStatus s = node.status();
        ObjectNode o = JsonValues.object();
        o.put("height", s.height());
        o.put("peers", s.peers());
        o.put("syncing", s.syncing());
        o.put("quorumConnected", s.quorumConnected());
        o.put("mempoolSize", pool.pendingCount());
        o.put("mempoolBytes", pool.pendingBytes());
        return o;
    }
}
