package io.tally.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket test client on java.net.http. Reading is demand-driven: with {@code autoRead} false
 * it takes one message (the subscribe answer) and then stops reading until {@link #readAll()}, which
 * is how a slow subscriber is simulated.
 */
final class WsTestClient implements AutoCloseable {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket ws;
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean autoRead;

    WsTestClient(String url, boolean autoRead) throws Exception {
        this.autoRead = autoRead;
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create(url), new WebSocket.Listener() {
                @Override
                public void onOpen(WebSocket webSocket) {
                    webSocket.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        try {
                            messages.add(RpcClient.JSON.readTree(partial.toString()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        partial.setLength(0);
                    }
                    if (WsTestClient.this.autoRead || !last) {
                        webSocket.request(1);
                    }
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closeCode.complete(statusCode);
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    closeCode.complete(-1);
                }
            }).get(10, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
        ws.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** The next message, or fails after 10 s. */
    JsonNode next() throws InterruptedException {
        JsonNode m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no WebSocket message within 10 s");
        }
        return m;
    }

    /** Sends a request and returns its response (which must be the next message). */
    JsonNode call(int id, String method, String params) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        JsonNode r = next();
        if (!r.has("id") || r.get("id").asInt() != id) {
            throw new AssertionError("expected the response to " + id + ", got " + r);
        }
        return r;
    }

    void readAll() {
        autoRead = true;
        ws.request(1);
    }

    @Override
    public void close() {
        ws.abort();
    }
}
