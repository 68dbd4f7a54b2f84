package io.tally.p2p.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.p2p.GossipConfig;
import io.tally.p2p.Multiaddr;
import io.tally.p2p.P2pConfig;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.PubsubMessage;
import io.tally.p2p.TopicValidator;
import io.tally.p2p.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Four Java hosts on loopback forming a gossipsub mesh from their bootstrap lists. */
@Timeout(60)
class JavaMeshTest {
    private static final String TOPIC = "tally/tx/1";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void fourNodesFormAMeshDeliverToAllAndSurviveOneNodeDying() throws Exception {
        try (TestNet net = new TestNet()) {
            int n = 4;
            List<PeerId> ids = new ArrayList<>();
            List<List<PubsubMessage>> inbox = new ArrayList<>();
            List<NettyHost> hosts = startSubscribed(net, n, GossipConfig.defaults(), ids, inbox);
            for (P2pHost h : hosts) {
                TestNet.await(() -> h.peers().size() == n - 1, WAIT, h.peerId() + " connects to all others");
            }
            for (int i = 0; i < n; i++) {
                NettyHost h = hosts.get(i);
                TestNet.await(() -> h.meshPeers(TOPIC).size() == n - 1, WAIT, "mesh of " + h.peerId() + " complete");
            }

            hosts.get(0).publish(TOPIC, "block 1".getBytes()).get();
            for (int i = 1; i < n; i++) {
                List<PubsubMessage> got = inbox.get(i);
                TestNet.await(() -> got.size() == 1, WAIT, "node " + " receives");
                assertEquals("block 1", new String(got.get(0).data()));
                assertEquals(ids.get(0), got.get(0).from());
            }
            assertTrue(inbox.get(0).isEmpty(), "a publisher does not deliver its own message to itself");

            // Kill node 3: the others keep their connections and mesh among themselves.
            hosts.get(3).close();
            for (int i = 0; i < 3; i++) {
                P2pHost h = hosts.get(i);
                TestNet.await(() -> h.peers().size() == 2, WAIT, "survivors drop only the dead node");
            }
            hosts.get(1).publish(TOPIC, "block 2".getBytes()).get();
            for (int i : new int[] {0, 2}) {
                List<PubsubMessage> got = inbox.get(i);
                TestNet.await(() -> got.stream().anyMatch(m -> new String(m.data()).equals("block 2")), WAIT, "survivor receives");
            }
            Set<PeerId> connected = hosts.get(0).peers().stream().map(p -> p.peerId()).collect(Collectors.toSet());
            assertEquals(Set.of(ids.get(1), ids.get(2)), connected);
            assertTrue(inbox.get(1).stream().noneMatch(m -> new String(m.data()).equals("block 2")));
        }
    }

    @Test
    void aSmallMeshInAFullyConnectedNetworkStaysSmallAndStillDeliversEverything() throws Exception {
        // The node's setting (docs/p2p.md, "Gossip in a validator network"): authors flood-publish,
        // the mesh of 2 only relays.
        GossipConfig small = GossipConfig.defaults().withMeshDegree(2, 1, 2).withHeartbeat(Duration.ofMillis(100));
        try (TestNet net = new TestNet()) {
            int n = 5;
            List<List<PubsubMessage>> inbox = new ArrayList<>();
            List<NettyHost> hosts = startSubscribed(net, n, small, new ArrayList<>(), inbox);
            for (NettyHost h : hosts) {
                TestNet.await(() -> h.topicPeers(TOPIC).size() == n - 1, WAIT, h.peerId() + " sees all others subscribed");
            }
            // several heartbeats: grafts from others may push a mesh above 2 for a moment, pruning brings it back
            for (NettyHost h : hosts) {
                TestNet.await(() -> h.meshPeers(TOPIC).size() >= 1 && h.meshPeers(TOPIC).size() <= 2, WAIT,
                        "mesh of " + h.peerId() + " between 1 and 2: " + h.meshPeers(TOPIC).size());
            }
            for (int i = 0; i < n; i++) {
                hosts.get(i).publish(TOPIC, ("from " + i).getBytes()).get();
            }
            for (int i = 0; i < n; i++) {
                List<PubsubMessage> got = inbox.get(i);
                TestNet.await(() -> got.size() == n - 1, WAIT, "node " + i + " receives every other node's message");
                assertEquals(n - 1, got.stream().map(m -> new String(m.data())).distinct().count(), "each once");
            }
        }
    }

    /**
     * {@code n} hosts allowing each other, each subscribed to {@link #TOPIC} with its inbox. Fixed
     * ports are unknown up front: they start in order, each bootstrapping to those before it.
     */
    private static List<NettyHost> startSubscribed(TestNet net, int n, GossipConfig gossip, List<PeerId> ids,
            List<List<PubsubMessage>> inbox) {
        byte[][] seeds = new byte[n][];
        for (int i = 0; i < n; i++) {
            seeds[i] = TestNet.seed();
            ids.add(TestNet.idOf(seeds[i]));
        }
        List<NettyHost> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            P2pConfig.Builder b = TestNet.config(seeds[i]).allow(ids).gossip(gossip);
            for (P2pHost earlier : hosts) {
                b.bootstrap(earlier.listenAddresses().get(0));
            }
            NettyHost h = (NettyHost) net.start(b.build());
            List<PubsubMessage> got = new CopyOnWriteArrayList<>();
            h.subscribe(TOPIC, TopicValidator.acceptAll(), got::add);
            hosts.add(h);
            inbox.add(got);
        }
        return hosts;
    }

    @Test
    void rejectedMessagesAreNeitherDeliveredNorForwarded() throws Exception {
        try (TestNet net = new TestNet()) {
            byte[] sa = TestNet.seed();
            byte[] sb = TestNet.seed();
            byte[] sc = TestNet.seed();
            List<PeerId> all = List.of(TestNet.idOf(sa), TestNet.idOf(sb), TestNet.idOf(sc));
            P2pHost b = net.start(TestNet.config(sb).allow(all).build());
            Multiaddr bAddr = b.listenAddresses().get(0);
            // A and C only know B: anything C gets from A must have been forwarded by B.
            P2pHost a = net.start(TestNet.config(sa).allow(all).bootstrap(bAddr).build());
            P2pHost c = net.start(TestNet.config(sc).allow(all).bootstrap(bAddr).build());
            List<PubsubMessage> atB = new CopyOnWriteArrayList<>();
            List<PubsubMessage> atC = new CopyOnWriteArrayList<>();
            b.subscribe(TOPIC, m -> new String(m.data()).startsWith("bad") ? Validation.REJECT : Validation.ACCEPT, atB::add);
            c.subscribe(TOPIC, TopicValidator.acceptAll(), atC::add);
            a.subscribe(TOPIC, TopicValidator.acceptAll(), m -> { });
            TestNet.await(() -> ((NettyHost) b).meshPeers(TOPIC).size() == 2, WAIT, "B meshes with A and C");
            TestNet.await(() -> a.topicPeers(TOPIC).contains(b.peerId()), WAIT, "A sees B subscribed");
            a.publish(TOPIC, "bad tx".getBytes()).get();
            a.publish(TOPIC, "good tx".getBytes()).get();
            TestNet.await(() -> atC.size() == 1, WAIT, "C receives the good message via B");
            assertEquals("good tx", new String(atC.get(0).data()));
            assertEquals(1, atB.size());
            assertEquals("good tx", new String(atB.get(0).data()));
        }
    }
}
