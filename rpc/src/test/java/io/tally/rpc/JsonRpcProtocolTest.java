package io.tally.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Bytes;
import io.tally.ledger.block.Block;
import io.tally.ledger.tx.Transaction;
import io.tally.mempool.MempoolConfig;
import io.tally.ledger.chain.TestLedger;
import io.tally.rpc.jsonrpc.ErrorCode;
import io.tally.rpc.port.NodeStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JSON-RPC 2.0 framing, batches, notifications, error codes, limits, CORS and the ops endpoints. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class JsonRpcProtocolTest {
    static final int BODY_LIMIT = 64 * 1024;
    static final int BATCH_LIMIT = 20;
    TestNode node;
    RpcClient rpc;

    @BeforeAll
    void start(@TempDir Path dir) {
        node = new TestNode(dir, TestNode.testConfig().withLimits(BODY_LIMIT, BATCH_LIMIT, 4, 2, 8)
            .withCors(List.of("https://wallet.example")),
            MempoolConfig.defaults(TestLedger.CHAIN_ID).withLimits(30, 1 << 20, 10, 1 << 20));
        rpc = RpcClient.of(node);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    JsonNode post(String body) throws Exception {
        HttpResponse<String> r = rpc.post(body);
        assertEquals(200, r.statusCode(), r.body());
        return RpcClient.JSON.readTree(r.body());
    }

    @Test
    void batchIsAnsweredInOrderWithoutNotifications() throws Exception {
        JsonNode r = post("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tally_chainInfo\"},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"tally_nodeStatus\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tally_getBlockByHeight\",\"params\":[0]}]");
        assertEquals(3, r.size());
        assertEquals("a", r.get(0).get("id").asText());
        assertTrue(r.get(0).has("result"));
        assertEquals(ErrorCode.METHOD_NOT_FOUND, r.get(1).get("error").get("code").asInt());
        assertEquals(0, r.get(2).get("result").get("header").get("height").asInt());
    }

    @Test
    void batchOfSendsAdmitsEveryTransaction() throws Exception {
        StringBuilder sb = new StringBuilder("[");
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Transaction t = node.ledger.transfer(node.account(6), i, node.account(7).address(), 1);
            txs.add(t);
            sb.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
                .append(",\"method\":\"tally_sendRawTransaction\",\"params\":[\"").append(Bytes.toHex(t.encoded())).append("\"]}");
        }
        JsonNode r = post(sb.append("]").toString());
        for (int i = 0; i < 10; i++) {
            assertEquals(txs.get(i).hash().toHex(), r.get(i).get("result").asText(), r.get(i).toString());
            assertTrue(node.mempool.contains(txs.get(i).hash()));
        }
        // An 11th for this account exceeds its per-account limit of 10.
        Transaction extra = node.ledger.transfer(node.account(6), 10, node.account(7).address(), 1);
        assertEquals(ErrorCode.MEMPOOL_FULL, rpc.errorCode("tally_sendRawTransaction", Bytes.toHex(extra.encoded())));
    }

    @Test
    void notificationIsExecutedButNotAnswered() throws Exception {
        Transaction t = node.ledger.transfer(node.account(5), 0, node.account(7).address(), 3);
        HttpResponse<String> r = rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"tally_sendRawTransaction\",\"params\":[\""
            + Bytes.toHex(t.encoded()) + "\"]}");
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        assertTrue(node.mempool.contains(t.hash()));
        HttpResponse<String> batch = rpc.post("[{\"jsonrpc\":\"2.0\",\"method\":\"tally_chainInfo\"},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}]");
        assertEquals(204, batch.statusCode());
    }

    @Test
    void everySpecErrorCode() throws Exception {
        assertEquals(ErrorCode.PARSE_ERROR, post("{\"jsonrpc\":").get("error").get("code").asInt());
        JsonNode invalid = post("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"tally_chainInfo\"}");
        assertEquals(ErrorCode.INVALID_REQUEST, invalid.get("error").get("code").asInt());
        assertEquals(5, invalid.get("id").asInt());
        assertEquals(ErrorCode.INVALID_REQUEST, post("42").get("error").get("code").asInt());
        assertEquals(ErrorCode.INVALID_REQUEST,
            post("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}").get("error").get("code").asInt());
        assertEquals(ErrorCode.METHOD_NOT_FOUND, rpc.errorCode("tally_noSuchMethod"));
        assertEquals(ErrorCode.INVALID_PARAMS, rpc.errorCode("tally_getBlockByHeight"));
        assertEquals(ErrorCode.INVALID_PARAMS, rpc.errorCode("tally_getBlockByHeight", -1));
        assertEquals(ErrorCode.INVALID_PARAMS, rpc.errorCode("tally_getBlockByHeight", 1, "yes"));
        assertEquals(ErrorCode.INVALID_PARAMS, rpc.errorCode("tally_getBlockByHeight", 1, true, 3));
        JsonNode named = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_getBlockByHeight\",\"params\":{\"heigth\":1}}");
        assertEquals(ErrorCode.INVALID_PARAMS, named.get("error").get("code").asInt());
        assertEquals("heigth", named.get("error").get("data").get("param").asText());
        JsonNode byName = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_getBlockByHeight\",\"params\":{\"height\":\"0\"}}");
        assertTrue(byName.has("result"));
    }

    @Test
    void internalErrorIsReportedWithoutDetail() throws Exception {
        NodeStatus before = node.nodeStatus.get();
        node.nodeStatus.set(null); // the port now fails inside the method
        try {
            JsonNode r = rpc.call("tally_nodeStatus");
            assertEquals(ErrorCode.INTERNAL_ERROR, r.get("error").get("code").asInt());
            assertEquals("internal error", r.get("error").get("message").asText());
        } finally {
            node.nodeStatus.set(before);
        }
        assertTrue(rpc.result("tally_nodeStatus").has("height"));
    }

    @Test
    void emptyAndOversizedBatchesAreInvalidRequests() throws Exception {
        assertEquals(ErrorCode.INVALID_REQUEST, post("[]").get("error").get("code").asInt());
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i <= BATCH_LIMIT; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"tally_chainInfo\"}");
        }
        JsonNode r = post(sb.append("]").toString());
        assertEquals(ErrorCode.INVALID_REQUEST, r.get("error").get("code").asInt());
        assertEquals(BATCH_LIMIT, r.get("error").get("data").get("limit").asInt());
    }

    @Test
    void bodyOverTheLimitWithContentLengthGets413() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_chainInfo\",\"params\":[\"" + "a".repeat(BODY_LIMIT) + "\"]}";
        HttpResponse<String> r = rpc.post(big);
        assertEquals(413, r.statusCode());
        assertEquals(ErrorCode.INVALID_REQUEST, RpcClient.JSON.readTree(r.body()).get("error").get("code").asInt());
        assertTrue(rpc.result("tally_chainInfo").has("chainId"), "the node keeps serving");
    }

    @Test
    void chunkedBodyOverTheLimitGets413() throws Exception {
        byte[] chunk = new byte[8192];
        java.util.Arrays.fill(chunk, (byte) ' ');
        String resp = rpc.raw(RpcClient.head("POST", "/", node.server.port(), "Content-Type: application/json",
            "Transfer-Encoding: chunked"), chunk, 20);
        assertTrue(resp.startsWith("HTTP/1.1 413"), resp);
        // and a chunked body under the limit is served normally
        byte[] ok = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_chainInfo\"}".getBytes(StandardCharsets.US_ASCII);
        String fine = rpc.raw(RpcClient.head("POST", "/", node.server.port(), "Content-Type: application/json",
            "Transfer-Encoding: chunked", "Connection: close"), ok, 1);
        assertTrue(fine.startsWith("HTTP/1.1 200"), fine);
        assertTrue(fine.contains("\"chainId\""), fine);
    }

    @Test
    void wrongContentTypeGets415() throws Exception {
        HttpResponse<String> r = rpc.send(HttpRequest.newBuilder(URI.create(node.url())).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build());
        assertEquals(415, r.statusCode());
        HttpResponse<String> charset = rpc.send(HttpRequest.newBuilder(URI.create(node.url()))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_chainInfo\"}"))
            .timeout(Duration.ofSeconds(10)).build());
        assertEquals(200, charset.statusCode());
    }

    @Test
    void hostHeaderMustBeAllowed() throws Exception {
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_chainInfo\"}".getBytes(StandardCharsets.US_ASCII);
        String evil = rpc.raw(RpcClient.head("POST", "/", node.server.port(), "Host: evil.example:8545",
            "Content-Type: application/json", "Content-Length: " + body.length, "Connection: close"), body, 0);
        assertTrue(evil.startsWith("HTTP/1.1 403"), evil);
        String local = rpc.raw(RpcClient.head("POST", "/", node.server.port(), "Host: localhost:8545",
            "Content-Type: application/json", "Content-Length: " + body.length, "Connection: close"), body, 0);
        assertTrue(local.startsWith("HTTP/1.1 200"), local);
    }

    @Test
    void corsPreflightFromAllowedOriginPassesAndForeignOriginIsRefused() throws Exception {
        HttpResponse<String> ok = rpc.send(HttpRequest.newBuilder(URI.create(node.url()))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://wallet.example")
            .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
            .timeout(Duration.ofSeconds(10)).build());
        assertEquals(204, ok.statusCode());
        assertEquals("https://wallet.example", ok.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(ok.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("Content-Type"));

        HttpResponse<String> foreign = rpc.send(HttpRequest.newBuilder(URI.create(node.url()))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "POST").timeout(Duration.ofSeconds(10)).build());
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        HttpResponse<String> post = rpc.send(HttpRequest.newBuilder(URI.create(node.url()))
            .header("Origin", "https://wallet.example").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tally_chainInfo\"}"))
            .timeout(Duration.ofSeconds(10)).build());
        assertEquals(200, post.statusCode());
        assertEquals("https://wallet.example", post.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void healthReadyAndMetrics() throws Exception {
        HttpResponse<String> health = rpc.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals(200, rpc.get("/ready").statusCode());
        NodeStatus before = node.nodeStatus.get();
        node.nodeStatus.set(new NodeStatus(before.height(), 0, true, false));
        try {
            HttpResponse<String> notReady = rpc.get("/ready");
            assertEquals(503, notReady.statusCode());
            assertFalse(RpcClient.JSON.readTree(notReady.body()).get("ready").asBoolean());
        } finally {
            node.nodeStatus.set(before);
        }
        rpc.result("tally_chainInfo");
        rpc.call("tally_noSuchMethod");
        String m = rpc.get("/metrics").body();
        for (String name : List.of("tally_head_height", "tally_blocks_committed_total", "tally_transactions_committed_total",
                "tally_mempool_size", "tally_view_changes_total", "tally_peers", "tally_rpc_requests_total")) {
            assertTrue(m.contains(name), name + " missing from\n" + m);
        }
        assertTrue(m.contains("tally_rpc_requests_total{method=\"tally_chainInfo\",outcome=\"ok\"}"), m);
        assertTrue(m.contains("method=\"unknown\",outcome=\"-32601\""), m);
    }

    @Test
    void blockAndTransactionCountersFollowCommits() throws Exception {
        double blocks = metric("tally_blocks_committed_total");
        double txs = metric("tally_transactions_committed_total");
        for (int i = 0; i < 2; i++) {
            Transaction t = node.ledger.transfer(node.account(4), i, node.account(7).address(), 1);
            rpc.result("tally_sendRawTransaction", Bytes.toHex(t.encoded()));
        }
        int committed = node.produceBlock().transactions().size();
        Block last = node.produceBlock(); // empty unless another test left some
        committed += last.transactions().size();
        assertTrue(committed >= 2, "both transfers committed");
        // counted on the commit path itself, so already up to date when produceBlock returns
        assertEquals(last.height(), metric("tally_head_height"));
        assertEquals(blocks + 2, metric("tally_blocks_committed_total"));
        assertEquals(txs + committed, metric("tally_transactions_committed_total"));
    }

    private double metric(String name) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(rpc.get("/metrics").body());
        assertTrue(m.find(), name + " missing");
        return Double.parseDouble(m.group(1));
    }
}
