package io.tally.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Bytes;
import io.tally.ledger.block.Block;
import io.tally.ledger.tx.Transaction;
import io.tally.rpc.jsonrpc.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions at /ws on a real ledger: replay, live delivery, resumption, limits, slow consumers. */
@Timeout(90)
class WebSocketTest {
    @TempDir
    Path dir;
    TestNode node;
    RpcClient rpc;

    @BeforeEach
    void start() {
        node = new TestNode(dir, TestNode.testConfig().withLimits(8 << 20, 100, 3, 2, 4));
        rpc = RpcClient.of(node);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    Block transferBlock(int from, long nonce) {
        return node.commit(List.of(node.ledger.transfer(node.account(from), nonce, node.account(7).address(), 1)));
    }

    static JsonNode block(JsonNode notification) {
        return notification.get("params").get("result");
    }

    @Test
    void newBlocksAreReplayedFromAHeightThenDeliveredLive() throws Exception {
        for (int i = 0; i < 3; i++) {
            transferBlock(0, i);
        }
        try (WsTestClient ws = new WsTestClient(node.wsUrl(), true)) {
            JsonNode sub = ws.call(1, "tally_subscribe", "[\"newBlocks\",{\"fromHeight\":1}]");
            String id = sub.get("result").asText();
            for (int h = 1; h <= 3; h++) {
                JsonNode n = ws.next();
                assertEquals("tally_subscription", n.get("method").asText());
                assertEquals(id, n.get("params").get("subscription").asText());
                assertEquals(h, block(n).get("header").get("height").asInt());
            }
            Block b4 = transferBlock(0, 3);
            JsonNode live = ws.next();
            assertEquals(b4.hash().toHex(), block(live).get("hash").asText());
            assertEquals(true, ws.call(2, "tally_unsubscribe", "[\"" + id + "\"]").get("result").asBoolean());
            assertEquals(false, ws.call(3, "tally_unsubscribe", "[\"" + id + "\"]").get("result").asBoolean());
            // ordinary methods work over the socket too
            assertEquals(4, ws.call(4, "tally_chainInfo", "[]").get("result").get("headHeight").asInt());
        }
    }

    @Test
    void aClientThatReconnectsResumesWithoutLosingABlock() throws Exception {
        transferBlock(0, 0);
        long last;
        try (WsTestClient ws = new WsTestClient(node.wsUrl(), true)) {
            ws.call(1, "tally_subscribe", "[\"newBlocks\"]");
            Block b2 = transferBlock(0, 1);
            last = block(ws.next()).get("header").get("height").asLong();
            assertEquals(b2.height(), last);
        }
        List<Block> missed = new ArrayList<>();
        for (int i = 2; i < 5; i++) {
            missed.add(transferBlock(0, i));
        }
        try (WsTestClient ws = new WsTestClient(node.wsUrl(), true)) {
            ws.call(1, "tally_subscribe", "[\"newBlocks\",{\"fromHeight\":" + (last + 1) + ",\"fullTransactions\":true}]");
            for (Block b : missed) {
                JsonNode got = block(ws.next());
                assertEquals(b.hash().toHex(), got.get("hash").asText());
                assertEquals(1, got.get("transactions").size());
            }
        }
    }

    @Test
    void txStatusReportsPendingThenCommitted() throws Exception {
        Transaction t = node.ledger.transfer(node.account(1), 0, node.account(2).address(), 9);
        rpc.result("tally_sendRawTransaction", Bytes.toHex(t.encoded()));
        try (WsTestClient ws = new WsTestClient(node.wsUrl(), true)) {
            ws.call(1, "tally_subscribe", "[\"txStatus\",{\"hashes\":[\"" + t.hash().toHex() + "\"]}]");
            JsonNode first = ws.next().get("params").get("result");
            assertEquals("pending", first.get("status").asText());
            Block b = node.produceBlock();
            JsonNode done = ws.next().get("params").get("result");
            assertEquals("committed", done.get("status").asText());
            assertEquals(b.height(), done.get("blockHeight").asLong());
            assertEquals("SUCCESS", done.get("receipt").get("code").asText());
        }
        try (WsTestClient ws = new WsTestClient(node.wsUrl(), true)) {
            ws.call(1, "tally_subscribe", "[\"txStatus\",{\"hashes\":[\"" + t.hash().toHex() + "\"]}]");
            assertEquals("committed", ws.next().get("params").get("result").get("status").asText(),
                "a late subscriber learns the final status at once");
        }
    }

    @Test
    void subscriptionAndClientLimits() throws Exception {
        try (WsTestClient ws = new WsTestClient(node.wsUrl(), true)) {
            ws.call(1, "tally_subscribe", "[\"newBlocks\"]");
            ws.call(2, "tally_subscribe", "[\"newBlocks\"]");
            assertEquals(ErrorCode.SUBSCRIPTION_LIMIT,
                ws.call(3, "tally_subscribe", "[\"newBlocks\"]").get("error").get("code").asInt());
            assertEquals(ErrorCode.INVALID_PARAMS,
                ws.call(4, "tally_subscribe", "[\"everything\"]").get("error").get("code").asInt());
            assertEquals(ErrorCode.INVALID_PARAMS,
                ws.call(5, "tally_subscribe", "[\"txStatus\",{\"hashes\":[]}]").get("error").get("code").asInt());
            assertEquals(ErrorCode.METHOD_NOT_FOUND, rpc.errorCode("tally_subscribe", "newBlocks"),
                "subscriptions exist only on the socket");
        }
        List<WsTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                WsTestClient c = new WsTestClient(node.wsUrl(), true);
                clients.add(c);
                c.call(1, "tally_chainInfo", "[]");
            }
            WsTestClient extra = new WsTestClient(node.wsUrl(), true);
            clients.add(extra);
            assertEquals(1013, extra.closeCode.get(10, TimeUnit.SECONDS));
        } finally {
            clients.forEach(WsTestClient::close);
        }
    }

    @Test
    void aMessageOverTheBodyLimitClosesTheSocket() throws Exception {
        try (WsTestClient ws = new WsTestClient(node.wsUrl(), true)) {
            try {
                ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "x".repeat(9 << 20) + "\"}");
            } catch (Exception e) {
                // the server may close while the client is still sending
            }
            assertEquals(1009, ws.closeCode.get(10, TimeUnit.SECONDS), "1009 = message too big");
        }
        assertTrue(rpc.result("tally_chainInfo").has("chainId"));
    }

    @Test
    void aSlowSubscriberGetsADropNoticeNeverAGap() throws Exception {
        // ~24 blocks of ~640 KB of JSON each: far more than the socket buffers hold unread.
        byte[] value = new byte[4096];
        long nonce = 0;
        for (int b = 0; b < 24; b++) {
            List<Transaction> txs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                value[0] = (byte) i;
                txs.add(node.ledger.record(node.account(3), nonce++, new byte[] {(byte) b, (byte) i}, value));
            }
            node.commit(txs);
        }
        long head = node.chain.head().height();
        long resumeFrom;
        try (WsTestClient slow = new WsTestClient(node.wsUrl(), false)) {
            slow.call(1, "tally_subscribe", "[\"newBlocks\",{\"fromHeight\":1,\"fullTransactions\":true}]");
            // Without reading, wait until the server has given up on this subscriber.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String metrics = "";
            while (System.nanoTime() < deadline && !metrics.contains("tally_ws_subscriptions_dropped_total 1.0")) {
                metrics = rpc.get("/metrics").body();
            }
            assertTrue(metrics.contains("tally_ws_subscriptions_dropped_total 1.0"), "the server dropped the subscriber");
            slow.readAll();
            long expected = 1;
            JsonNode drop = null;
            while (System.nanoTime() < deadline && drop == null) {
                JsonNode n = slow.next();
                JsonNode p = n.get("params");
                if (p.has("dropped")) {
                    drop = p;
                } else {
                    assertEquals(expected, p.get("result").get("header").get("height").asLong(), "no gap before the notice");
                    expected++;
                }
            }
            assertTrue(drop != null, "a drop notice arrives");
            assertEquals("send buffer full", drop.get("reason").asText());
            resumeFrom = drop.get("resumeFromHeight").asLong();
            assertEquals(expected, resumeFrom, "the notice names the first block not delivered");
            assertTrue(resumeFrom <= head, "the subscriber was dropped before the end");
        }
        try (WsTestClient ws = new WsTestClient(node.wsUrl(), true)) {
            ws.call(1, "tally_subscribe", "[\"newBlocks\",{\"fromHeight\":" + resumeFrom + "}]");
            for (long h = resumeFrom; h <= head; h++) {
                assertEquals(h, block(ws.next()).get("header").get("height").asLong());
            }
        }
    }
}
