package io.tally.rpc.jsonrpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.rpc.json.JsonValues;
import java.util.Collection;

/** Builds the OpenRPC 1.2.6 document from the method table, so it cannot drift from the code. */
public final class OpenRpc {
    private OpenRpc() {}

    public static ObjectNode document(Collection<RpcMethod> methods) {
        ObjectNode doc = JsonValues.object();
        doc.put("openrpc", "1.2.6");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Tally JSON-RPC");
        info.put("version", "1");
        info.put("description", "See docs/rpc.md for conventions, error codes and examples.");
        ArrayNode list = doc.putArray("methods");
        for (RpcMethod m : methods) {
            ObjectNode mo = list.addObject();
            mo.put("name", m.name());
            mo.put("summary", m.summary());
            mo.put("paramStructure", "either");
            ArrayNode params = mo.putArray("params");
            for (ParamSpec p : m.params()) {
                ObjectNode po = params.addObject();
                po.put("name", p.name());
                po.put("description", p.description());
                po.put("required", p.required());
                po.set("schema", p.type().schema());
            }
            ObjectNode result = mo.putObject("result");
            result.put("name", "result");
            result.put("description", m.resultDescription());
            result.putObject("schema");
        }
        ArrayNode errors = doc.putObject("components").putArray("errors");
        addError(errors, ErrorCode.INVALID_SIGNATURE, "invalid signature");
        addError(errors, ErrorCode.WRONG_CHAIN, "wrong chain");
        addError(errors, ErrorCode.NONCE_TOO_LOW, "nonce too low");
        addError(errors, ErrorCode.NONCE_GAP, "nonce gap");
        addError(errors, ErrorCode.MEMPOOL_FULL, "mempool full");
        addError(errors, ErrorCode.NOT_FOUND, "not found");
        addError(errors, ErrorCode.ALREADY_KNOWN, "already known");
        addError(errors, ErrorCode.INVALID_TRANSACTION, "invalid transaction encoding");
        addError(errors, ErrorCode.TIMEOUT, "request timed out");
        addError(errors, ErrorCode.SUBSCRIPTION_LIMIT, "subscription limit reached");
        return doc;
    }

    private static void addError(ArrayNode errors, int code, String message) {
        ObjectNode e = errors.addObject();
        e.put("code", code);
        e.put("message", message);
    }
}
