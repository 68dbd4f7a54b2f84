package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Address;
import io.tally.ledger.tx.RecordPayload;
import io.tally.rpc.json.RecordInfo;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.StateQuery;
import java.util.List;

/** {@code tally_getRecord}: a record by owner and key, with a proof of its value or absence. */
public final class GetRecordMethod implements RpcMethod {
    private final StateQuery state;

    public GetRecordMethod(StateQuery state) {
        this.state = state;
    }

    @Override
    public String name() {
        return "tally_getRecord";
    }

    @Override
    public String summary() {
        return "A record by owner and key with a proof of its value or of its absence.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("owner", ParamType.ADDRESS, "Bech32 address of the record's owner"),
            ParamSpec.required("key", ParamType.HEX, "record key, 1..64 bytes of hex"));
    }

    @Override
    public String resultDescription() {
        return "{owner, key, exists, value|null, proof{height, stateRoot, key, value, proof}}";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        Address owner = p.address("owner");
        byte[] key = p.bytes("key", 1, RecordPayload.MAX_KEY_LENGTH);
        StateQuery.ProvenRecord r = state.record(owner, key);
        return new RecordInfo(owner, key, r.value(), r.proof()).toJson();
    }
}
