package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.rpc.json.BlockJson;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.ChainQuery;
import java.util.List;

/** {@code tally_getLatestBlock}: the head block. */
public final class GetLatestBlockMethod implements RpcMethod {
    private final ChainQuery chain;

    public GetLatestBlockMethod(ChainQuery chain) {
        this.chain = chain;
    }

    @Override
    public String name() {
        return "tally_getLatestBlock";
    }

    @Override
    public String summary() {
        return "The highest committed block.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.optional("fullTransactions", ParamType.BOOLEAN, "include full transactions (default false)"));
    }

    @Override
    public String resultDescription() {
        return "BLOCK, as tally_getBlockByHeight";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        long height = chain.head().height();
        return chain.blockByHeight(height)
            .map(b -> (JsonNode) BlockJson.toJson(b, p.bool("fullTransactions", false)))
            .orElseThrow(() -> RpcException.notFound("head block " + height + " is not readable"));
    }
}
