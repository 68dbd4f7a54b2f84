package io.tally.p2p.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tally.p2p.GossipConfig;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.PubsubMessage;
import io.tally.p2p.SignaturePolicy;
import io.tally.p2p.TopicValidator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** StrictNoSign between Java hosts: anonymous messages delivered once to every peer. */
@Timeout(60)
class SignaturePolicyTest {
    private static final String TOPIC = "tally/tx/1";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final GossipConfig NO_SIGN = GossipConfig.defaults().withSignaturePolicy(SignaturePolicy.STRICT_NO_SIGN);

    @Test
    void strictNoSignMessagesReachEveryPeerOnceWithoutAnAuthor() throws Exception {
        try (TestNet net = new TestNet()) {
            byte[] sa = TestNet.seed();
            byte[] sb = TestNet.seed();
            byte[] sc = TestNet.seed();
            List<PeerId> all = List.of(TestNet.idOf(sa), TestNet.idOf(sb), TestNet.idOf(sc));
            P2pHost a = net.start(TestNet.config(sa).allow(all).gossip(NO_SIGN).build());
            P2pHost b = net.start(TestNet.config(sb).allow(all).gossip(NO_SIGN).bootstrap(a.listenAddresses().get(0)).build());
            P2pHost c = net.start(TestNet.config(sc).allow(all).gossip(NO_SIGN)
                    .bootstrap(a.listenAddresses().get(0)).bootstrap(b.listenAddresses().get(0)).build());
            List<PubsubMessage> atA = subscribe(a);
            List<PubsubMessage> atB = subscribe(b);
            List<PubsubMessage> atC = subscribe(c);
            for (P2pHost h : List.of(a, b, c)) {
                TestNet.await(() -> ((NettyHost) h).meshPeers(TOPIC).size() == 2, WAIT, "full mesh of " + h.peerId());
            }
            a.publish(TOPIC, "tx batch 1".getBytes()).get();
            TestNet.await(() -> atB.size() == 1 && atC.size() == 1, WAIT, "B and C receive A's message");
            assertNull(atB.get(0).from(), "no author under StrictNoSign");
            assertEquals("tx batch 1", new String(atC.get(0).data()));
            // Relayed copies (B->C, C->B) and echoes back to A are recognised as seen.
            b.publish(TOPIC, "tx batch 2".getBytes()).get();
            TestNet.await(() -> atA.size() == 1 && atC.size() == 2, WAIT, "A and C receive B's message");
            assertEquals(1, atB.size(), "B got neither its own message back nor a duplicate of A's");
            assertEquals(1, atA.size());
        }
    }

    private static List<PubsubMessage> subscribe(P2pHost h) {
        List<PubsubMessage> got = new CopyOnWriteArrayList<>();
        h.subscribe(TOPIC, TopicValidator.acceptAll(), got::add);
        return got;
    }
}
