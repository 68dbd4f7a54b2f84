package io.tally.rpc.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Transport-free dispatcher rules: deadlines, async batches, observer labels. */
@Timeout(30)
class JsonRpcDispatcherTest {
    final List<String> observed = new ArrayList<>();
    final CompletableFuture<JsonNode> never = new CompletableFuture<>();

    final RpcMethod hang = method("hang", p -> never);
    final RpcMethod quick = method("quick", p -> CompletableFuture.completedFuture(TextNode.valueOf("ok")));

    JsonRpcDispatcher dispatcher(Duration timeout) {
        return new JsonRpcDispatcher(MethodTable.builder().add(hang).add(quick).build(), 10, 1 << 16, timeout,
            (m, o) -> {
                synchronized (observed) {
                    observed.add(m + ":" + o);
                }
            });
    }

    JsonNode handle(JsonRpcDispatcher d, String body) throws Exception {
        return d.mapper().readTree(d.handle(body.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }

    @Test
    void aCallThatOutlivesTheRequestTimeoutIsAnsweredWithTimeout() throws Exception {
        JsonRpcDispatcher d = dispatcher(Duration.ofMillis(200));
        long t0 = System.nanoTime();
        JsonNode r = handle(d, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hang\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"quick\"}]");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ErrorCode.TIMEOUT, r.get(0).get("error").get("code").asInt());
        assertEquals("ok", r.get(1).get("result").asText());
        assertTrue(millis < 5_000, "the request thread is released at the deadline, took " + millis + " ms");
        assertTrue(observed.contains("hang:" + ErrorCode.TIMEOUT));
        assertTrue(observed.contains("quick:ok"));
    }

    @Test
    void unknownMethodsShareOneMetricsLabel() throws Exception {
        JsonRpcDispatcher d = dispatcher(Duration.ofSeconds(1));
        handle(d, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x1\"}");
        handle(d, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x2\"}");
        assertEquals(List.of("unknown:-32601", "unknown:-32601"), observed);
    }

    @Test
    void aMethodThatThrowsBecomesAnInternalError() throws Exception {
        RpcMethod boom = method("boom", p -> {
            throw new IllegalStateException("secret detail");
        });
        JsonRpcDispatcher d = new JsonRpcDispatcher(MethodTable.builder().add(boom).build(), 10, 1 << 16,
            Duration.ofSeconds(1), RpcObserver.NONE);
        JsonNode r = handle(d, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"boom\"}");
        assertEquals(ErrorCode.INTERNAL_ERROR, r.get("error").get("code").asInt());
        assertTrue(!r.toString().contains("secret"));
    }

    @Test
    void aMethodRegisteredTwiceIsAProgrammingError() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> MethodTable.builder().add(quick).add(quick));
    }

    interface Body {
        CompletableFuture<JsonNode> run(Params p);
    }

    static RpcMethod method(String name, Body body) {
        return new RpcMethod() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String summary() {
                return name;
            }

            @Override
            public List<ParamSpec> params() {
                return List.of();
            }

            @Override
            public String resultDescription() {
                return "anything";
            }

            @Override
            public JsonNode call(Params params) {
                return body.run(params).join();
            }

            @Override
            public CompletableFuture<JsonNode> callAsync(Params params) {
                return body.run(params);
            }
        };
    }
}
