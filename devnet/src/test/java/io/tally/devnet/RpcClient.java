package io.tally.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import io.tally.crypto.Bytes;
import io.tally.crypto.Hash;
import io.tally.ledger.tx.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON-RPC 2.0 client for one node (docs/rpc.md), on java.net.http and Jackson. Transport
 * failures (the node is down) are {@link UncheckedIOException}; JSON-RPC errors are
 * {@link RpcError} with their code.
 */
final class RpcClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final HttpClient http;

    RpcClient(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
            .build();
    }

    URI uri() {
        return uri;
    }

    /** A JSON-RPC error answer. */
    static final class RpcError extends RuntimeException {
        private final int code;

        RpcError(int code, String message) {
            super(code + " " + message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /** One request of a batch. */
    record Call(String method, List<Object> params) {}

    JsonNode call(String method, Object... params) {
        return batch(List.of(new Call(method, List.of(params)))).get(0);
    }

    /** Sends the calls as one JSON-RPC batch; answers in call order; the first error is thrown. */
    List<JsonNode> batch(List<Call> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        ArrayNode body = JSON.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode req = body.addObject();
            req.put("jsonrpc", "2.0");
            req.put("id", i);
            req.put("method", calls.get(i).method());
            req.set("params", JSON.valueToTree(calls.get(i).params()));
        }
        JsonNode answer = post(body);
        Map<Integer, JsonNode> byId = new HashMap<>();
        for (JsonNode r : answer) {
            if (r.has("error")) {
                throw new RpcError(r.path("error").path("code").asInt(), r.path("error").path("message").asText());
            }
            byId.put(r.path("id").asInt(), r.path("result"));
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            JsonNode r = byId.get(i);
            if (r == null) {
                throw new IllegalStateException("no answer for request " + i + " (" + calls.get(i).method() + ")");
            }
            out.add(r);
        }
        return out;
    }

    private JsonNode post(JsonNode body) {
        try {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                throw new IOException("HTTP " + resp.statusCode() + " from " + uri);
            }
            return JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getClass().getSimpleName() + " from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }

    // --- typed helpers -------------------------------------------------------------------------

    long headHeight() {
        return call("tally_chainInfo").path("headHeight").asLong();
    }

    JsonNode nodeStatus() {
        return call("tally_nodeStatus");
    }

    JsonNode consensusStatus() {
        return call("tally_consensusStatus");
    }

    JsonNode block(long height) {
        return call("tally_getBlockByHeight", height, false);
    }

    /** Submits a signed transaction; returns the hash the node reports. */
    Hash send(Transaction tx) {
        return Hash.fromHex(call("tally_sendRawTransaction", Bytes.toHex(tx.encoded())).asText());
    }

    JsonNode transaction(Hash hash) {
        return call("tally_getTransaction", hash.toHex());
    }

    JsonNode account(Address address) {
        return call("tally_getAccount", address.toString());
    }
}
