package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Address;
import io.tally.rpc.json.AccountInfo;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.StateQuery;
import io.tally.rpc.port.TxSubmitter;
import java.util.List;

/** {@code tally_getAccount}: balance and nonce with a state proof, plus the pending nonce. */
public final class GetAccountMethod implements RpcMethod {
    private final StateQuery state;
    private final TxSubmitter pool;

    public GetAccountMethod(StateQuery state, TxSubmitter pool) {
        this.state = state;
        this.pool = pool;
    }

    @Override
    public String name() {
        return "tally_getAccount";
    }

    @Override
    public String summary() {
        return "An account's balance and nonce with a state proof against a committed state root.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("address", ParamType.ADDRESS, "Bech32 account address"));
    }

    @Override
    public String resultDescription() {
        return "{address, balance, nonce, pendingNonce, proof{height, stateRoot, key, value, proof}}";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        Address a = p.address("address");
        StateQuery.ProvenAccount s = state.account(a);
        return new AccountInfo(a, s.balance(), s.nonce(), pool.pendingNonce(a, s.nonce()), s.proof()).toJson();
    }
}
