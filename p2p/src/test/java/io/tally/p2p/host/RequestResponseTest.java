package io.tally.p2p.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.p2p.Limits;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.RequestFailedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RequestResponseTest {
    private static final Duration T = Duration.ofSeconds(5);
    private TestNet net;
    private P2pHost client;
    private P2pHost server;

    @BeforeEach
    void connect() throws Exception {
        net = new TestNet();
        byte[] cs = TestNet.seed();
        byte[] ss = TestNet.seed();
        Limits small = new Limits(64, 16, Duration.ofSeconds(10), 256, 4 << 20, 32L << 20, 1 << 20,
                (1 << 20) + 65536, 64 * 1024, 4 << 20, 2, 10_000, Duration.ofSeconds(15));
        server = net.start(TestNet.config(ss).allow(TestNet.idOf(cs)).limits(small).build());
        client = net.start(TestNet.config(cs).allow(TestNet.idOf(ss)).build());
        client.dial(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    void requestGetsTheHandlersResponseIncludingLargeBodies() throws Exception {
        server.registerHandler("/tally/sync/1", (from, req) -> {
            byte[] out = new byte[req.length * 2];
            System.arraycopy(req, 0, out, 0, req.length);
            System.arraycopy(req, 0, out, req.length, req.length);
            return out;
        });
        assertArrayEquals("abab".getBytes(), client.request(server.peerId(), "/tally/sync/1", "ab".getBytes(), T).get());
        byte[] big = new byte[60 * 1024];
        big[7] = 9;
        byte[] resp = client.request(server.peerId(), "/tally/sync/1", big, T).get();
        assertEquals(120 * 1024, resp.length, "a response spanning several yamux frames arrives whole");
    }

    @Test
    void oneWaySendDeliversToTheHandlerWithTheSendersIdentity() throws Exception {
        List<PeerId> froms = new CopyOnWriteArrayList<>();
        server.registerHandler("/tally/consensus/1", (from, msg) -> {
            froms.add(from);
            return new byte[0];
        });
        client.send(server.peerId(), "/tally/consensus/1", "prepare".getBytes(), T).get();
        assertEquals(List.of(client.peerId()), froms);
    }

    @Test
    void handlerErrorsUnknownProtocolsAndOversizedRequestsFailTyped() {
        server.registerHandler("/tally/fail/1", (from, req) -> {
            throw new IllegalStateException("no such block");
        });
        ExecutionException e1 = assertThrows(ExecutionException.class,
                () -> client.request(server.peerId(), "/tally/fail/1", new byte[1], T).get());
        assertInstanceOf(RequestFailedException.class, e1.getCause());
        assertTrue(e1.getCause().getMessage().contains("no such block"));
        ExecutionException e2 = assertThrows(ExecutionException.class,
                () -> client.request(server.peerId(), "/tally/none/1", new byte[1], T).get());
        assertInstanceOf(RequestFailedException.class, e2.getCause());
        server.registerHandler("/tally/echo/1", (from, req) -> req);
        ExecutionException e3 = assertThrows(ExecutionException.class,
                () -> client.request(server.peerId(), "/tally/echo/1", new byte[100 * 1024], T).get());
        assertInstanceOf(RequestFailedException.class, e3.getCause(), "server limit is 64 KiB");
    }

    @Test
    void aSlowHandlerTimesOutAndExcessConcurrentRequestsAreRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.registerHandler("/tally/slow/1", (from, req) -> {
            release.await(10, TimeUnit.SECONDS);
            return req;
        });
        CompletableFuture<byte[]> r1 = client.request(server.peerId(), "/tally/slow/1", new byte[] {1}, Duration.ofMillis(300));
        ExecutionException e = assertThrows(ExecutionException.class, r1::get);
        assertTrue(e.getCause().getMessage().contains("timed out"));
        // limit is 2 in flight per peer; the timed-out one still occupies a slot until its handler returns
        CompletableFuture<byte[]> r2 = client.request(server.peerId(), "/tally/slow/1", new byte[] {2}, T);
        CompletableFuture<byte[]> r3 = client.request(server.peerId(), "/tally/slow/1", new byte[] {3}, T);
        ExecutionException refused = assertThrows(ExecutionException.class, r3::get);
        assertInstanceOf(RequestFailedException.class, refused.getCause());
        release.countDown();
        assertArrayEquals(new byte[] {2}, r2.get());
    }
}
