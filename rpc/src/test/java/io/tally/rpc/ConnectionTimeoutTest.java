package io.tally.rpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A client that sends half a request and stalls (slow loris) is disconnected after the timeout. */
@Timeout(30)
class ConnectionTimeoutTest {
    @Test
    void callsPastTheRequestDeadlineGetTimeoutAndAreNotStarted(@TempDir Path dir) throws Exception {
        // A deadline shorter than parsing the body: every call in the batch finds it already passed.
        try (TestNode node = new TestNode(dir, TestNode.testConfig().withTimeouts(Duration.ofNanos(1), Duration.ofMillis(200)))) {
            StringBuilder batch = new StringBuilder("[");
            for (int i = 0; i < 5; i++) {
                io.tally.ledger.tx.Transaction t = node.ledger.transfer(node.account(0), i, node.account(1).address(), 1);
                batch.append(i == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
                    .append(",\"method\":\"tally_sendRawTransaction\",\"params\":[\"")
                    .append(io.tally.crypto.Bytes.toHex(t.encoded())).append("\"]}");
            }
            com.fasterxml.jackson.databind.JsonNode r = RpcClient.JSON.readTree(
                RpcClient.of(node).post(batch.append("]").toString()).body());
            for (com.fasterxml.jackson.databind.JsonNode e : r) {
                org.junit.jupiter.api.Assertions.assertEquals(io.tally.rpc.jsonrpc.ErrorCode.TIMEOUT,
                    e.get("error").get("code").asInt());
            }
            org.junit.jupiter.api.Assertions.assertEquals(5, r.size());
            org.junit.jupiter.api.Assertions.assertEquals(0, node.mempool.size(), "timed-out calls were never started");
        }
    }

    @Test
    void aStalledRequestIsClosedAfterTheRequestTimeout(@TempDir Path dir) throws Exception {
        try (TestNode node = new TestNode(dir, TestNode.testConfig().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200)))) {
            try (Socket s = new Socket("127.0.0.1", node.server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\"")
                    .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long t0 = System.nanoTime();
                InputStream in = s.getInputStream();
                boolean closed;
                try {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        // a 408/400/500 answer before the close is fine; keep reading until EOF
                        assertTrue(n > 0);
                    }
                    closed = true;
                } catch (SocketTimeoutException e) {
                    closed = false;
                } catch (java.io.IOException e) {
                    closed = true; // reset
                }
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(closed, "the server must close a stalled connection");
                assertTrue(millis < 8_000, "closed after " + millis + " ms");
            }
            assertTrue(RpcClient.of(node).result("tally_chainInfo").has("chainId"));
        }
    }
}
