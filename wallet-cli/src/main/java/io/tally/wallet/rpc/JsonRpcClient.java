package io.tally.wallet.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import io.tally.crypto.Bytes;
import io.tally.crypto.Hash;
import io.tally.ledger.block.CommitCertificate;
import io.tally.wallet.WalletException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 over HTTP with the JDK client. Responses are size-capped and parsed strictly by
 * {@link NodeJson}; a node that answers nonsense gets a one-line error, never a stack trace.
 */
public final class JsonRpcClient implements NodeApi {
    /** A full block of 4 KiB records is ~1.5 MiB of hex; 16 MiB leaves room without inviting abuse. */
    public static final int MAX_RESPONSE_BYTES = 16 << 20;

    private final URI endpoint;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper mapper;
    private final AtomicLong ids = new AtomicLong();

    public JsonRpcClient(URI endpoint, Duration requestTimeout) {
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new WalletException("--rpc must be an http:// or https:// URL, got " + endpoint);
        }
        this.endpoint = endpoint;
        this.requestTimeout = requestTimeout;
        // HTTP/1.1: no h2c upgrade dance with servers that do not speak HTTP/2 in clear text.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout)
            .followRedirects(HttpClient.Redirect.NEVER).build();
        this.mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
            .maxNumberLength(40).maxStringLength(MAX_RESPONSE_BYTES).build());
    }

    /** Calls {@code method} and returns its {@code result}, or throws {@link RpcException}. */
    public JsonNode call(String method, Object... params) {
        ObjectNode req = mapper.createObjectNode();
        long id = ids.incrementAndGet();
        req.put("jsonrpc", "2.0").put("id", id).put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            if (o instanceof Long l) {
                p.add(l.longValue());
            } else if (o instanceof Boolean b) {
                p.add(b.booleanValue());
            } else {
                p.add(o.toString());
            }
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(req);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request", e);
        }
        HttpRequest httpReq = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<InputStream> resp;
        byte[] bytes;
        try {
            resp = http.send(httpReq, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
        } catch (IOException e) {
            throw new WalletException("cannot reach node at " + endpoint + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException("interrupted while calling " + method);
        }
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw new WalletException("node response to " + method + " is larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new WalletException("node sent invalid JSON for " + method + " (HTTP " + resp.statusCode() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new WalletException("node sent a non-object response for " + method + " (HTTP " + resp.statusCode() + ")");
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            int code = error.path("code").asInt(0);
            String msg = error.path("message").asText("error");
            throw new RpcException(code, oneLine(msg));
        }
        if (!root.has("result")) {
            throw new WalletException("node response to " + method + " has neither result nor error (HTTP "
                + resp.statusCode() + ")");
        }
        return root.get("result");
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " " + oneLine(m));
    }

    static String oneLine(String s) {
        String t = s.replaceAll("[\\r\\n\\t]+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    @Override
    public NodeViews.ChainInfo chainInfo() {
        return NodeJson.chainInfo(call("tally_chainInfo"));
    }

    @Override
    public NodeViews.AccountView account(Address address) {
        return NodeJson.account(call("tally_getAccount", address.toString()));
    }

    @Override
    public NodeViews.RecordView record(Address owner, byte[] key) {
        return NodeJson.record(call("tally_getRecord", owner.toString(), Bytes.toHex(key)));
    }

    @Override
    public NodeViews.TxView transaction(Hash hash) {
        return NodeJson.transaction(call("tally_getTransaction", hash.toHex()));
    }

    @Override
    public NodeViews.BlockView blockByHeight(long height, boolean full) {
        return NodeJson.block(call("tally_getBlockByHeight", height, full), full);
    }

    @Override
    public NodeViews.BlockView latestBlock(boolean full) {
        return NodeJson.block(call("tally_getLatestBlock", full), full);
    }

    @Override
    public CommitCertificate certificate(long height) {
        return NodeJson.certificate(call("tally_getCertificate", height));
    }

    @Override
    public Hash sendRawTransaction(byte[] raw) {
        return NodeJson.hash(call("tally_sendRawTransaction", Bytes.toHex(raw)), "transaction hash");
    }
}
