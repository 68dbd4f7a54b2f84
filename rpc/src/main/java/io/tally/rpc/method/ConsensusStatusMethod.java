package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.rpc.json.JsonValues;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.ConsensusStatus;
import io.tally.rpc.port.ConsensusStatusQuery;
import java.util.List;

/** {@code tally_consensusStatus}: the round in progress. */
public final class ConsensusStatusMethod implements RpcMethod {
    private final ConsensusStatusQuery consensus;

    public ConsensusStatusMethod(ConsensusStatusQuery consensus) {
        this.consensus = consensus;
    }

    @Override
    public String name() {
        return "tally_consensusStatus";
    }

    @Override
    public String summary() {
        return "The consensus height, view, phase and primary in progress.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public String resultDescription() {
        return "{height, view, phase, primaryIndex, primary, viewChanges}";
    }

    @Override
    public JsonNode call(Params params) {
        ConsensusStatus s = consensus.status();
        ObjectNode o = JsonValues.object();
        o.put("height", s.height());
        o.put("view", s.view());
        o.put("phase", s.phase());
        o.put("primaryIndex", s.primaryIndex());
        o.put("primary", s.primary().toHex());
        o.put("viewChanges", s.viewChanges());
        return o;
    }
}
