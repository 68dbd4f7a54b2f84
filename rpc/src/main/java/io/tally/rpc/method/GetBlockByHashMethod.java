package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Hash;
import io.tally.rpc.json.BlockJson;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.ChainQuery;
import java.util.List;

/** {@code tally_getBlockByHash}. */
public final class GetBlockByHashMethod implements RpcMethod {
    private final ChainQuery chain;

    public GetBlockByHashMethod(ChainQuery chain) {
        this.chain = chain;
    }

    @Override
    public String name() {
        return "tally_getBlockByHash";
    }

    @Override
    public String summary() {
        return "The committed block with a hash.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("hash", ParamType.HASH, "block hash"),
            ParamSpec.optional("fullTransactions", ParamType.BOOLEAN, "include full transactions (default false)"));
    }

    @Override
    public String resultDescription() {
        return "BLOCK, as tally_getBlockByHeight";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        Hash hash = p.hash("hash");
        return chain.blockByHash(hash)
            .map(b -> (JsonNode) BlockJson.toJson(b, p.bool("fullTransactions", false)))
            .orElseThrow(() -> RpcException.notFound("no block with hash " + hash));
    }
}
