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

/** {@code tally_getBlockByHeight}. */
public final class GetBlockByHeightMethod implements RpcMethod {
    private final ChainQuery chain;

    public GetBlockByHeightMethod(ChainQuery chain) {
        this.chain = chain;
    }

    @Override
    public String name() {
        return "tally_getBlockByHeight";
    }

    @Override
    public String summary() {
        return "The committed block at a height.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("height", ParamType.UINT, "block height"),
            ParamSpec.optional("fullTransactions", ParamType.BOOLEAN, "include full transactions (default false)"));
    }

    @Override
    public String resultDescription() {
        return "BLOCK {hash, header, transactionCount, transactions[] | transactionHashes[]}";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        long height = p.uint("height");
        return chain.blockByHeight(height)
            .map(b -> (JsonNode) BlockJson.toJson(b, p.bool("fullTransactions", false)))
            .orElseThrow(() -> RpcException.notFound("no block at height " + height));
    }
}
