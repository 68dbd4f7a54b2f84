package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.rpc.json.JsonValues;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.Evidence;
import io.tally.rpc.port.EvidenceQuery;
import java.util.List;

/** {@code tally_getEvidence}: recorded validator misbehaviour, paged by height. */
public final class GetEvidenceMethod implements RpcMethod {
    public static final int MAX_LIMIT = 100;
    private final EvidenceQuery evidence;

    public GetEvidenceMethod(EvidenceQuery evidence) {
        this.evidence = evidence;
    }

    @Override
    public String name() {
        return "tally_getEvidence";
    }

    @Override
    public String summary() {
        return "Evidence of validator misbehaviour, from a height on, at most 100 entries.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.optional("fromHeight", ParamType.UINT, "first height (default 0)"),
            ParamSpec.optional("limit", ParamType.UINT, "1..100 (default 100)"));
    }

    @Override
    public String resultDescription() {
        return "[{height, kind, validatorIndex, validator, data}]";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        long from = p.uint("fromHeight", 0);
        long limit = p.uint("limit", MAX_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RpcException.invalidParams("limit", "'limit' must be 1.." + MAX_LIMIT);
        }
        ArrayNode out = JsonValues.array();
        for (Evidence e : evidence.evidence(from, (int) limit)) {
            ObjectNode o = out.addObject();
            o.put("height", e.height());
            o.put("kind", e.kind());
            o.put("validatorIndex", e.validatorIndex());
            o.put("validator", e.validator().toHex());
            o.put("data", JsonValues.hex(e.data()));
        }
        return out;
    }
}
