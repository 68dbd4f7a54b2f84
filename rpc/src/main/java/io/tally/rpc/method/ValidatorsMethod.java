package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.rpc.json.ValidatorJson;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.ChainQuery;
import java.util.List;

/** {@code tally_validators}: the validator set with its hash and quorum. */
public final class ValidatorsMethod implements RpcMethod {
    private final ChainQuery chain;

    public ValidatorsMethod(ChainQuery chain) {
        this.chain = chain;
    }

    @Override
    public String name() {
        return "tally_validators";
    }

    @Override
    public String summary() {
        return "The validator set in index order, its hash, quorum and fault tolerance.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of();
    }

    @Override
    public String resultDescription() {
        return "{validatorSetHash, size, quorum, maxFaulty, validators[{index, publicKey, address}]}";
    }

    @Override
    public JsonNode call(Params params) {
        return ValidatorJson.toJson(chain.validators());
    }
}
