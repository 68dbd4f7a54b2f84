package io.tally.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.rpc.json.JsonValues;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns request bytes into response bytes: parse under limits, validate, dispatch single requests
 * and batches, drop responses to notifications, and map every failure to a JSON-RPC error. Nothing a
 * client sends makes it throw.
 *
 * <p>A batch is started in order and then awaited against one deadline (the request timeout), so
 * transaction submissions in a batch verify in parallel on the mempool's workers and a huge batch
 * cannot hold a request thread past the timeout.
 */
public final class JsonRpcDispatcher {
    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_NUMBER_LENGTH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcDispatcher.class);
    private static final Function<String, RpcMethod> NO_EXTRA = name -> null;

    private final MethodTable methods;
    private final int maxBatch;
    private final Duration timeout;
    private final RpcObserver observer;
    private final ObjectMapper mapper;

    public JsonRpcDispatcher(MethodTable methods, int maxBatch, int maxBodyBytes, Duration timeout, RpcObserver observer) {
        this.methods = methods;
        this.maxBatch = maxBatch;
        this.timeout = timeout;
        this.observer = observer;
        JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(Math.max(1, maxBodyBytes))
                .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        this.mapper = new ObjectMapper(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Handles one HTTP body. Returns the response, or empty when every request was a notification. */
    public Optional<byte[]> handle(byte[] body) {
        return handle(body, NO_EXTRA).map(this::write);
    }

    /**
     * Handles one message with extra, connection-scoped methods (WebSocket subscriptions) looked up
     * before the table.
     */
    public Optional<JsonNode> handle(byte[] body, Function<String, RpcMethod> extra) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            observer.onCall("unknown", Integer.toString(ErrorCode.PARSE_ERROR));
            return Optional.of(error(null, ErrorCode.PARSE_ERROR, "parse error: " + firstLine(e.getOriginalMessage()),
                null));
        } catch (IOException | RuntimeException e) {
            observer.onCall("unknown", Integer.toString(ErrorCode.PARSE_ERROR));
            return Optional.of(error(null, ErrorCode.PARSE_ERROR, "parse error", null));
        }
        if (root == null || root.isMissingNode()) {
            return Optional.of(error(null, ErrorCode.PARSE_ERROR, "parse error: empty body", null));
        }
        if (root.isArray()) {
            return handleBatch((ArrayNode) root, extra, deadline);
        }
        Pending p = start(root, extra, deadline);
        JsonNode response = p.await(deadline);
        return Optional.ofNullable(response);
    }

    private Optional<JsonNode> handleBatch(ArrayNode batch, Function<String, RpcMethod> extra, long deadline) {
        if (batch.isEmpty()) {
            return Optional.of(error(null, ErrorCode.INVALID_REQUEST, "empty batch", null));
        }
        if (batch.size() > maxBatch) {
            ObjectNode data = JsonValues.object();
            data.put("limit", maxBatch);
            return Optional.of(error(null, ErrorCode.INVALID_REQUEST,
                "batch of " + batch.size() + " requests exceeds the limit of " + maxBatch, data));
        }
        List<Pending> pending = new ArrayList<>(batch.size());
        for (JsonNode request : batch) {
            pending.add(start(request, extra, deadline));
        }
        ArrayNode out = JsonValues.array();
        for (Pending p : pending) {
            JsonNode r = p.await(deadline);
            if (r != null) {
                out.add(r);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** A started request: its id (if any), method label for metrics, and its result or error. */
    private final class Pending {
        final JsonNode id;
        final boolean notification;
        final String label;
        final CompletableFuture<JsonNode> result;
        final JsonNode immediateError;

        Pending(JsonNode id, boolean notification, String label, CompletableFuture<JsonNode> result,
                JsonNode immediateError) {
            this.id = id;
            this.notification = notification;
            this.label = label;
            this.result = result;
            this.immediateError = immediateError;
        }

        JsonNode await(long deadline) {
            JsonNode response;
            String outcome;
            if (immediateError != null) {
                response = immediateError;
                outcome = immediateError.get("error").get("code").asText();
            } else {
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    JsonNode value = result.get(left, TimeUnit.NANOSECONDS);
                    response = success(id, value);
                    outcome = "ok";
                } catch (TimeoutException e) {
                    response = error(id, ErrorCode.TIMEOUT, "request timed out after " + timeout.toMillis() + " ms", null);
                    outcome = Integer.toString(ErrorCode.TIMEOUT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    response = error(id, ErrorCode.INTERNAL_ERROR, "interrupted", null);
                    outcome = Integer.toString(ErrorCode.INTERNAL_ERROR);
                } catch (ExecutionException e) {
                    RpcException rpc = toRpc(label, e.getCause());
                    response = error(id, rpc.code(), rpc.getMessage(), rpc.data());
                    outcome = Integer.toString(rpc.code());
                }
            }
            observer.onCall(label, outcome);
            return notification ? null : response;
        }
    }

    private Pending start(JsonNode request, Function<String, RpcMethod> extra, long deadline) {
        if (!request.isObject()) {
            return failed(null, false, "unknown", ErrorCode.INVALID_REQUEST, "request must be an object");
        }
        JsonNode idNode = request.get("id");
        boolean notification = idNode == null;
        if (idNode != null && !(idNode.isTextual() || idNode.isNumber() || idNode.isNull())) {
            return failed(null, false, "unknown", ErrorCode.INVALID_REQUEST, "id must be a string, number or null");
        }
        JsonNode version = request.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.textValue().equals("2.0")) {
            return failed(idNode, false, "unknown", ErrorCode.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
        }
        JsonNode methodNode = request.get("method");
        if (methodNode == null || !methodNode.isTextual()) {
            return failed(idNode, false, "unknown", ErrorCode.INVALID_REQUEST, "method must be a string");
        }
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("jsonrpc") && !f.equals("id") && !f.equals("method") && !f.equals("params")) {
                return failed(idNode, false, "unknown", ErrorCode.INVALID_REQUEST, "unexpected member '" + shorten(f) + "'");
            }
        }
        String name = methodNode.textValue();
        RpcMethod method = extra.apply(name);
        if (method == null) {
            method = methods.get(name).orElse(null);
        }
        if (method == null) {
            return failed(idNode, notification, "unknown", ErrorCode.METHOD_NOT_FOUND,
                "method not found: " + shorten(name));
        }
        if (System.nanoTime() - deadline > 0) {
            return failed(idNode, notification, method.name(), ErrorCode.TIMEOUT, "request timed out before this call");
        }
        Params params;
        try {
            params = bind(method, request.get("params"));
        } catch (RpcException e) {
            return new Pending(idNode, notification, method.name(), null, error(idNode, e.code(), e.getMessage(), e.data()));
        }
        CompletableFuture<JsonNode> result;
        try {
            result = method.callAsync(params);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return new Pending(idNode, notification, method.name(), result, null);
    }

    private Pending failed(JsonNode id, boolean notification, String label, int code, String message) {
        return new Pending(id, notification, label, null, error(id, code, message, null));
    }

    /** Checks params (absent, array or object) against the method's schema. */
    static Params bind(RpcMethod method, JsonNode params) throws RpcException {
        List<ParamSpec> specs = method.params();
        Map<String, JsonNode> values = new HashMap<>();
        if (params == null || params.isNull()) {
            // absent params: only valid when nothing is required
        } else if (params.isArray()) {
            if (params.size() > specs.size()) {
                throw new RpcException(ErrorCode.INVALID_PARAMS,
                    method.name() + " takes at most " + specs.size() + " parameters, got " + params.size());
            }
            for (int i = 0; i < params.size(); i++) {
                if (!params.get(i).isNull()) {
                    values.put(specs.get(i).name(), params.get(i));
                }
            }
        } else if (params.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (specs.stream().noneMatch(s -> s.name().equals(e.getKey()))) {
                    throw RpcException.invalidParams(shorten(e.getKey()), "unknown parameter '" + shorten(e.getKey()) + "'");
                }
                if (!e.getValue().isNull()) {
                    values.put(e.getKey(), e.getValue());
                }
            }
        } else {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "params must be an array or an object");
        }
        for (ParamSpec s : specs) {
            JsonNode v = values.get(s.name());
            if (v == null) {
                if (s.required()) {
                    throw RpcException.invalidParams(s.name(), "missing parameter '" + s.name() + "'");
                }
                continue;
            }
            String problem = s.type().check(v);
            if (problem != null) {
                throw RpcException.invalidParams(s.name(), "parameter '" + s.name() + "' " + problem);
            }
        }
        return new Params(values);
    }

    private static RpcException toRpc(String method, Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        LOG.error("method {} failed", method, cause);
        return new RpcException(ErrorCode.INTERNAL_ERROR, "internal error");
    }

    public static ObjectNode success(JsonNode id, JsonNode result) {
        ObjectNode o = JsonValues.object();
        o.put("jsonrpc", "2.0");
        o.set("id", id == null ? JsonValues.NODES.nullNode() : id);
        o.set("result", result);
        return o;
    }

    public static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode o = JsonValues.object();
        o.put("jsonrpc", "2.0");
        o.set("id", id == null ? JsonValues.NODES.nullNode() : id);
        ObjectNode e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (data != null) {
            e.set("data", data);
        }
        return o;
    }

    public byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed JSON";
        }
        int nl = s.indexOf('\n');
        return shorten(nl < 0 ? s : s.substring(0, nl));
    }

    /** Echoing client text into errors is capped so a 10 MB method name is not reflected back. */
    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
