package io.tally.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Single JSON-RPC calls for status reads (not the hot path). */
final class RpcClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** The {@code result} of {@code method} with no params; throws on transport or JSON-RPC error. */
    JsonNode call(URI node, String method) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(node).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[]}"))
            .build();
        JsonNode r = json.readTree(http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body());
        if (!r.has("result")) {
            throw new IOException(method + " failed: " + r.path("error"));
        }
        return r.get("result");
    }
}
