package io.tally.p2p.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Sha256;
import io.tally.p2p.Multiaddr;
import io.tally.p2p.P2pConfig;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.PeerInfo;
import io.tally.p2p.PubsubMessage;
import io.tally.p2p.TopicValidator;
import io.tally.p2p.identity.HostKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Interop against js-libp2p 3.3.11 (an implementation this project did not write): one js process,
 * two Java hosts. Host A dials js; js dials host B. The soak check runs last, once A's connection
 * to js has lived through at least 35 s of js keep-alives (10 s ping monitor, 30 s yamux ping).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class JsInteropTest {
    private static final String TOPIC = "tally/interop/1";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long SOAK_NANOS = Duration.ofSeconds(36).toNanos();

    private JsPeer js;
    private PeerId jsId;
    private P2pHost hostA;
    private P2pHost hostB;
    private final List<PubsubMessage> receivedA = new CopyOnWriteArrayList<>();
    private final List<PeerId> disconnectsA = new CopyOnWriteArrayList<>();
    private final List<PeerId> connectsB = new CopyOnWriteArrayList<>();
    private long connectedAtNanos;

    @BeforeAll
    void start() throws Exception {
        JsPeer.assumeAvailable();
        SecureRandom rnd = new SecureRandom();
        byte[] jsSeed = new byte[32];
        rnd.nextBytes(jsSeed);
        jsId = HostKey.fromSeed(jsSeed).peerId();
        hostA = P2pHost.start(config(rnd).build());
        hostA.onPeerDisconnected(disconnectsA::add);
        hostB = P2pHost.start(config(rnd).build());
        hostB.onPeerConnected(connectsB::add);
        js = new JsPeer(jsSeed, Duration.ofSeconds(110));
        assertEquals(jsId.toString(), js.peerId, "js derives the same peer ID from the seed as Java");
    }

    private P2pConfig.Builder config(SecureRandom rnd) {
        byte[] seed = new byte[32];
        rnd.nextBytes(seed);
        return P2pConfig.builder(seed).listen("/ip4/127.0.0.1/tcp/0").allow(jsId).agentVersion("tally-interop/1");
    }

    @AfterAll
    void stop() {
        if (js != null) {
            js.close();
        }
        if (hostA != null) {
            hostA.close();
        }
        if (hostB != null) {
            hostB.close();
        }
    }

    @Test
    @Order(1)
    void javaDialsJsAndTheProvenIdentityMatches() throws Exception {
        PeerId proven = hostA.dial(Multiaddr.parse(js.address)).get();
        connectedAtNanos = System.nanoTime();
        assertEquals(jsId, proven);
        js.await(e -> e.path("event").asText().equals("connect") && e.path("peer").asText().equals(hostA.peerId().toString()),
                WAIT, "js sees Java's connection");
    }

    @Test
    @Order(2)
    void identifyWorksBothWaysOnJavaDial() {
        PeerInfo info = awaitPeerInfo(hostA, jsId, i -> i.protocols().contains("/meshsub/1.1.0"));
        assertTrue(info.agentVersion().startsWith("js-libp2p"), info.agentVersion());
        assertTrue(info.protocols().contains("/ipfs/ping/1.0.0"));
        JsonNode id = js.await(e -> e.path("event").asText().equals("identify")
                && e.path("peer").asText().equals(hostA.peerId().toString()), WAIT, "js identifies Java");
        assertEquals("tally-interop/1", id.path("agent").asText());
        assertTrue(id.path("protocols").toString().contains("/meshsub/1.1.0"), id.toString());
        assertTrue(id.path("listenAddrs").toString().contains("/ip4/127.0.0.1/tcp/"), id.toString());
    }

    @Test
    @Order(3)
    void pingWorksBothWaysOnJavaDial() throws Exception {
        Duration rtt = hostA.ping(jsId, WAIT).get();
        assertTrue(rtt.toMillis() < 5000);
        JsonNode r = js.call(JsPeer.cmd("ping").put("peer", hostA.peerId().toString()), WAIT);
        assertTrue(r.path("ok").asBoolean(), r.toString());
    }

    @Test
    @Order(4)
    void jsDialsJavaWithIdentifyAndPingBothWays() throws Exception {
        Multiaddr b = hostB.listenAddresses().get(0);
        JsonNode r = js.call(JsPeer.cmd("dial").put("addr", b.toString()), WAIT);
        assertTrue(r.path("ok").asBoolean(), r + "\n" + js.output());
        assertEquals(hostB.peerId().toString(), r.path("remotePeer").asText());
        awaitTrue(() -> connectsB.contains(jsId), "B reports js connected");
        PeerInfo info = awaitPeerInfo(hostB, jsId, i -> i.protocols().contains("/ipfs/id/1.0.0"));
        assertFalse(info.outbound());
        js.await(e -> e.path("event").asText().equals("identify")
                && e.path("peer").asText().equals(hostB.peerId().toString()), WAIT, "js identifies B");
        assertTrue(hostB.ping(jsId, WAIT).get().toMillis() < 5000);
        JsonNode p = js.call(JsPeer.cmd("ping").put("peer", hostB.peerId().toString()), WAIT);
        assertTrue(p.path("ok").asBoolean(), p.toString());
    }

    @Test
    @Order(5)
    void gossipFromJsIsReceivedAndVerifiedByJava() throws Exception {
        hostA.subscribe(TOPIC, TopicValidator.acceptAll(), receivedA::add);
        assertTrue(js.call(JsPeer.cmd("subscribe").put("topic", TOPIC), WAIT).path("ok").asBoolean());
        awaitTrue(() -> subscribersOf(TOPIC).contains(hostA.peerId().toString()), "js learns A's subscription");
        byte[] payload = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        // js may report zero recipients until its outbound stream exists: publish fresh payloads until one lands.
        for (int i = 0; receivedA.isEmpty() && System.nanoTime() < deadline; i++) {
            payload = ("hello from js " + i).getBytes();
            js.call(JsPeer.cmd("publish").put("topic", TOPIC).put("dataHex", java.util.HexFormat.of().formatHex(payload)), WAIT);
            awaitQuietly(() -> !receivedA.isEmpty(), Duration.ofMillis(500));
        }
        assertFalse(receivedA.isEmpty(), "A received a js message\n" + js.output());
        PubsubMessage m = receivedA.get(0);
        assertEquals(jsId, m.from(), "StrictSign author verified as the js peer");
        assertEquals(TOPIC, m.topic());
        assertTrue(new String(m.data()).startsWith("hello from js "));
        assertEquals(Sha256.hash(m.data()).toHex(), java.util.HexFormat.of().formatHex(m.id()), "message id = sha256(data)");
    }

    @Test
    @Order(6)
    void gossipFromJavaIsReceivedAndVerifiedByJs() throws Exception {
        awaitTrue(() -> hostA.topicPeers(TOPIC).contains(jsId), "A learns js's subscription");
        JsonNode got = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; got == null && System.nanoTime() < deadline; i++) {
            String text = "hello from java " + i;
            hostA.publish(TOPIC, text.getBytes()).get();
            got = awaitJsMessage(m -> m.path("dataHex").asText().equals(java.util.HexFormat.of().formatHex(text.getBytes())),
                    Duration.ofMillis(700));
        }
        assertTrue(got != null, "js received a Java message\n" + js.output());
        assertEquals("signed", got.path("type").asText());
        assertEquals(hostA.peerId().toString(), got.path("from").asText());
    }

    @Test
    @Order(7)
    void messagesLargerThanOneYamuxWindowFlowBothWays() throws Exception {
        int size = 300 * 1024; // > the 256 KiB initial stream window
        int before = receivedA.size();
        JsonNode r = js.call(JsPeer.cmd("publish").put("topic", TOPIC).put("size", size).put("fill", 42), WAIT);
        assertTrue(r.path("ok").asBoolean(), r.toString());
        awaitTrue(() -> receivedA.stream().skip(before).anyMatch(m -> m.data().length == size), "A receives 300 KiB from js");
        byte[] big = new byte[size];
        new SecureRandom().nextBytes(big);
        hostA.publish(TOPIC, big).get();
        String sha = Sha256.hash(big).toHex();
        assertTrue(awaitJsMessage(m -> m.path("sha256").asText().equals(sha), WAIT) != null,
                "js receives 300 KiB from Java\n" + js.output());
    }

    @Test
    @Order(8)
    void jsPeerNotOnTheAllowlistIsRefused() throws Exception {
        JsonNode r = js.call(JsPeer.cmd("stranger-dial").put("addr", hostB.listenAddresses().get(0).toString()), Duration.ofSeconds(20));
        assertTrue(r.path("ok").asBoolean(), r.toString());
        assertNotEquals("usable", r.path("outcome").asText(), "a stranger must not get a usable connection");
        PeerId stranger = PeerId.parse(r.path("peerId").asText());
        assertFalse(connectsB.contains(stranger));
        assertTrue(hostB.peers().stream().noneMatch(p -> p.peerId().equals(stranger)));
    }

    @Test
    @Order(9)
    void connectionSurvivesJsKeepAlivesForOver35Seconds() throws Exception {
        long remaining = SOAK_NANOS - (System.nanoTime() - connectedAtNanos);
        if (remaining > 0) {
            // Wait on the only condition that matters: the connection must not drop meanwhile.
            awaitQuietly(() -> !disconnectsA.isEmpty(), Duration.ofNanos(remaining));
        }
        assertTrue(System.nanoTime() - connectedAtNanos >= SOAK_NANOS - 1_000_000_000L);
        assertTrue(disconnectsA.isEmpty(), "A lost js: " + disconnectsA + "\n" + js.output());
        assertTrue(hostA.peers().stream().anyMatch(p -> p.peerId().equals(jsId)));
        assertTrue(hostA.ping(jsId, WAIT).get().toMillis() < 5000);
        assertTrue(js.events(e -> e.path("event").asText().equals("disconnect")
                && e.path("peer").asText().equals(hostA.peerId().toString())).isEmpty(), "js never saw A disconnect");
    }

    // ---- helpers -----------------------------------------------------------------------------

    private List<String> subscribersOf(String topic) {
        try {
            JsonNode r = js.call(JsPeer.cmd("subscribers").put("topic", topic), WAIT);
            return java.util.stream.StreamSupport.stream(r.path("peers").spliterator(), false).map(JsonNode::asText).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode awaitJsMessage(java.util.function.Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> m = js.events(e -> e.path("event").asText().equals("message") && match.test(e));
            if (!m.isEmpty()) {
                return m.get(0);
            }
            LockSupport.parkNanos(20_000_000L);
        }
        return null;
    }

    private static PeerInfo awaitPeerInfo(P2pHost host, PeerId peer, java.util.function.Predicate<PeerInfo> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<PeerInfo> i = host.peers().stream().filter(p -> p.peerId().equals(peer) && match.test(p)).findFirst();
            if (i.isPresent()) {
                return i.get();
            }
            LockSupport.parkNanos(20_000_000L);
        }
        throw new AssertionError("no matching peer info for " + peer + ": " + host.peers());
    }

    private void awaitTrue(BooleanSupplier cond, String what) {
        if (!awaitQuietly(cond, WAIT)) {
            throw new AssertionError("timed out: " + what + "\n" + js.output());
        }
    }

    private static boolean awaitQuietly(BooleanSupplier cond, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cond.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(20_000_000L);
        }
        return cond.getAsBoolean();
    }
}
