package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.rpc.json.CertificateJson;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.ChainQuery;
import java.util.List;

/** {@code tally_getCertificate}: the commit certificate of the block at a height. */
public final class GetCertificateMethod implements RpcMethod {
    private final ChainQuery chain;

    public GetCertificateMethod(ChainQuery chain) {
        this.chain = chain;
    }

    @Override
    public String name() {
        return "tally_getCertificate";
    }

    @Override
    public String summary() {
        return "The commit certificate (quorum of commit signatures) of the block at a height.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("height", ParamType.UINT, "block height (1 or more)"));
    }

    @Override
    public String resultDescription() {
        return "{height, view, blockHash, signatures[{validatorIndex, signature}]}";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        long height = p.uint("height");
        return chain.certificate(height)
            .map(c -> (JsonNode) CertificateJson.toJson(c))
            .orElseThrow(() -> RpcException.notFound("no commit certificate at height " + height));
    }
}
