package io.tally.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.rpc.jsonrpc.ErrorCode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and malformed requests (fault-testing B.2 #17): each gets the right error and the node
 * keeps serving, checked after every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class BadInputTest {
    static final int BODY_LIMIT = 1 << 20;
    TestNode node;
    RpcClient rpc;

    @BeforeAll
    void start(@TempDir Path dir) {
        node = new TestNode(dir, TestNode.testConfig().withLimits(BODY_LIMIT, 50, 4, 4, 16));
        rpc = RpcClient.of(node);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @AfterEach
    void nodeStillServes() throws Exception {
        assertEquals(node.chain.chainId(), rpc.result("tally_chainInfo").get("chainId").asText());
    }

    int code(String body) throws Exception {
        HttpResponse<String> r = rpc.post(body);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = RpcClient.JSON.readTree(r.body());
        return n.get("error").get("code").asInt();
    }

    int codeOfBytes(byte[] body) throws Exception {
        HttpResponse<String> r = rpc.send(HttpRequest.newBuilder(URI.create(node.url())).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(10)).build());
        assertEquals(200, r.statusCode(), r.body());
        return RpcClient.JSON.readTree(r.body()).get("error").get("code").asInt();
    }

    static String call(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    @Test
    void malformedJsonIsAParseError() throws Exception {
        for (String bad : new String[] {"{", "{\"jsonrpc\":\"2.0\",}", "nul", "{} {}", "[1,2", "\"unterminated", "",
                "{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_chainInfo\"}", "{'a':1}"}) {
            assertEquals(ErrorCode.PARSE_ERROR, code(bad), bad);
        }
    }

    @Test
    void invalidUtf8IsAParseError() throws Exception {
        byte[] prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_chain".getBytes();
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        assertEquals(ErrorCode.PARSE_ERROR, codeOfBytes(body));
    }

    @Test
    void wrongTypesInTheEnvelopeAreInvalidRequests() throws Exception {
        assertEquals(ErrorCode.INVALID_REQUEST, code("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}"));
        assertEquals(ErrorCode.INVALID_REQUEST, code("{\"jsonrpc\":2.0,\"id\":1,\"method\":\"tally_chainInfo\"}"));
        assertEquals(ErrorCode.INVALID_REQUEST, code("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"tally_chainInfo\"}"));
        assertEquals(ErrorCode.INVALID_REQUEST, code("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_chainInfo\",\"x\":1}"));
        assertEquals(ErrorCode.INVALID_REQUEST, RpcClient.JSON.readTree(rpc.post("[1]").body()).get(0).get("error").get("code").asInt());
        assertEquals(ErrorCode.INVALID_REQUEST, code("null"));
        assertEquals(ErrorCode.INVALID_PARAMS, code(call("tally_chainInfo", "\"params\"")));
    }

    @Test
    void wrongParamTypesAreInvalidParams() throws Exception {
        String[][] cases = {
            {"tally_getBlockByHash", "[12]"},
            {"tally_getBlockByHash", "[\"abcd\"]"},
            {"tally_getBlockByHash", "[\"" + "zz".repeat(32) + "\"]"},
            {"tally_getBlockByHeight", "[1, \"true\"]"},
            {"tally_getBlockByHeight", "[1.5]"},
            {"tally_getBlockByHeight", "[\"-1\"]"},
            {"tally_getBlockByHeight", "[\"0x10\"]"},
            {"tally_getAccount", "[{\"a\":1}]"},
            {"tally_getAccount", "[\"tly1qqqqqq\"]"},
            {"tally_getRecord", "[\"tly1qqqqqq\", \"00\"]"},
            {"tally_getTransaction", "[null]"},
            {"tally_sendRawTransaction", "[[\"00\"]]"},
            {"tally_getEvidence", "{\"fromHeight\":true}"},
        };
        for (String[] c : cases) {
            assertEquals(ErrorCode.INVALID_PARAMS, code(call(c[0], c[1])), c[0] + " " + c[1]);
        }
    }

    @Test
    void hugeNumbersAreRejected() throws Exception {
        assertEquals(ErrorCode.INVALID_PARAMS, code(call("tally_getBlockByHeight", "[99999999999999999999999999999]")));
        assertEquals(ErrorCode.INVALID_PARAMS, code(call("tally_getBlockByHeight", "[9007199254740992]")));
        assertEquals(ErrorCode.INVALID_PARAMS, code(call("tally_getBlockByHeight", "[\"9223372036854775808\"]")));
        assertEquals(ErrorCode.INVALID_PARAMS, code(call("tally_getBlockByHeight", "[1e400]")));
        assertEquals(ErrorCode.NOT_FOUND, code(call("tally_getBlockByHeight", "[\"9223372036854775807\"]")));
        assertEquals(ErrorCode.PARSE_ERROR, code(call("tally_getBlockByHeight", "[" + "9".repeat(5000) + "]")));
        JsonNode echoed = RpcClient.JSON.readTree(rpc.post(
            "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"tally_chainInfo\"}").body());
        assertEquals("123456789012345678901234567890", echoed.get("id").bigIntegerValue().toString());
    }

    @Test
    void hugeStringsAreRejectedWithoutBeingReflected() throws Exception {
        String big = "a".repeat(BODY_LIMIT / 2);
        HttpResponse<String> r = rpc.post(call(big, "[]"));
        JsonNode n = RpcClient.JSON.readTree(r.body());
        assertEquals(ErrorCode.METHOD_NOT_FOUND, n.get("error").get("code").asInt());
        assertTrue(r.body().length() < 1000, "the error does not echo the 512 KiB method name");
        assertEquals(ErrorCode.INVALID_PARAMS, code(call("tally_getTransaction", "[\"" + big + "\"]")));
        assertEquals(ErrorCode.INVALID_TRANSACTION, code(call("tally_sendRawTransaction", "[\"" + "ab".repeat(BODY_LIMIT / 4) + "\"]")));
        String tenMegabytes = "b".repeat(10 << 20);
        assertEquals(413, rpc.post(call("tally_getTransaction", "[\"" + tenMegabytes + "\"]")).statusCode());
    }

    @Test
    void deepNestingIsAParseError() throws Exception {
        assertEquals(ErrorCode.PARSE_ERROR, code("[".repeat(100_000)));
        assertEquals(ErrorCode.PARSE_ERROR, code(call("tally_getEvidence", "[" + "[".repeat(200) + "]".repeat(200) + "]")));
        assertEquals(ErrorCode.PARSE_ERROR, code("{\"a\":".repeat(1000) + "1" + "}".repeat(1000)));
    }

    @Test
    void emptyAndOversizedBatches() throws Exception {
        assertEquals(ErrorCode.INVALID_REQUEST, code("[]"));
        assertEquals(ErrorCode.INVALID_REQUEST, code("[" + "{},".repeat(60) + "{}]"));
        JsonNode r = RpcClient.JSON.readTree(rpc.post("[" + "{},".repeat(9) + "{}]").body());
        assertEquals(10, r.size(), "each invalid member of a batch gets its own error");
    }

    @Test
    void otherVerbsAndPathsDoNotCrash() throws Exception {
        assertEquals(405, rpc.send(HttpRequest.newBuilder(URI.create(node.url())).GET().timeout(Duration.ofSeconds(5))
            .build()).statusCode());
        assertEquals(404, rpc.get("/nothing-here").statusCode());
    }

    @Test
    void manyConcurrentBadRequestsLeaveTheNodeServing() throws Exception {
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> fs = new java.util.ArrayList<>();
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        String body = "[" + "[".repeat(5000);
        for (int i = 0; i < 100; i++) {
            fs.add(c.sendAsync(HttpRequest.newBuilder(URI.create(node.url())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()));
        }
        for (java.util.concurrent.CompletableFuture<HttpResponse<String>> f : fs) {
            assertEquals(200, f.get().statusCode());
        }
    }
}
