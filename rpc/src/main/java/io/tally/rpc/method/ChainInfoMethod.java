package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.ValidatorSet;
import io.tally.rpc.json.JsonValues;
import io.tally.rpc.json.ValidatorJson;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.ChainQuery;
import java.util.List;

/** {@code tally_chainInfo}: chain id, genesis hash, head, validators. */
public final class ChainInfoMethod implements RpcMethod {
    private final ChainQuery chain;

    public ChainInfoMethod(ChainQuery chain) {
        this.chain = chain;
    }

    @Override
    public String name() {
        return "tally_chainInfo";
    }

    @Override
    public String summary() {
        return "Chain id, genesis hash, head height and hash, and the validator set.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public String resultDescription() {
        return "{chainId, genesisHash, headHeight, headHash, validatorSetHash, quorum, validators[]}";
    }

    @Override
    public JsonNode call(Params params) {
        BlockHeader head = chain.head();
        ValidatorSet vs = chain.validators();
        ObjectNode o = JsonValues.object();
        o.put("chainId", chain.chainId());
        o.put("genesisHash", chain.genesisHash().toHex());
        o.put("headHeight", head.height());
        o.put("headHash", head.hash().toHex());
        o.put("validatorSetHash", vs.hash().toHex());
        o.put("quorum", vs.quorum());
        o.set("validators", ValidatorJson.listToJson(vs));
        return o;
    }
}
