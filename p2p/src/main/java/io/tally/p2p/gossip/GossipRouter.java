package io.tally.p2p.gossip;

import io.tally.p2p.GossipConfig;
import io.tally.p2p.MessageHandler;
import io.tally.p2p.PeerId;
import io.tally.p2p.PubsubMessage;
import io.tally.p2p.SignaturePolicy;
import io.tally.p2p.TopicValidator;
import io.tally.p2p.Validation;
import io.tally.p2p.gossip.Rpc.Control;
import io.tally.p2p.gossip.Rpc.Graft;
import io.tally.p2p.gossip.Rpc.IHave;
import io.tally.p2p.gossip.Rpc.IWant;
import io.tally.p2p.gossip.Rpc.Message;
import io.tally.p2p.gossip.Rpc.Prune;
import io.tally.p2p.gossip.Rpc.SubOpts;
import io.tally.p2p.identity.HostKey;
import io.tally.p2p.multistream.PeerStreams;
import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.LengthPrefixedReader;
import io.tally.p2p.yamux.YamuxStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossipsub v1.1 router without peer scoring (the allowlist already bounds who may speak): mesh
 * per topic kept between D_lo and D_hi by a heartbeat, GRAFT/PRUNE with backoff honoured in both
 * directions, IHAVE/IWANT over a message cache, a seen-cache, StrictSign or StrictNoSign,
 * flood-publishing of our own messages, and application validation. All methods run on the host's
 * single protocol thread.
 */
public final class GossipRouter {
    public static final String PROTOCOL_ID = "/meshsub/1.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(GossipRouter.class);
    private static final int MAX_TOPICS_PER_PEER = 1024;
    private static final int MAX_IWANT_REPLIES_PER_HEARTBEAT = 5000;

    private final HostKey hostKey;
    private final GossipConfig config;
    private final int maxMessageBytes;
    private final int maxRpcBytes;
    private final Executor callbacks;
    private final int maxPendingDeliveries;
    private final Random random;
    private final LongSupplier clock;
    private final AtomicInteger pendingDeliveries = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    private final Map<PeerId, PeerState> peers = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, Set<PeerId>> mesh = new HashMap<>();
    private final Map<String, Map<PeerId, Long>> backoff = new HashMap<>();
    private final SeenCache seen;
    private final MessageCache mcache;
    private long seqno;

    private record Subscription(TopicValidator validator, MessageHandler handler) {}

    private static final class PeerState {
        PeerStreams conn;
        YamuxStream out;
        boolean outReady;
        boolean unsupported;
        final Set<String> topics = new LinkedHashSet<>();
        int ihaveIdsThisHeartbeat;
        int iwantRepliesThisHeartbeat;
    }

    public GossipRouter(HostKey hostKey, GossipConfig config, int maxMessageBytes, int maxRpcBytes,
                        Executor callbacks, int maxPendingDeliveries, Random random, LongSupplier clock) {
        this.hostKey = hostKey;
        this.config = config;
        this.maxMessageBytes = maxMessageBytes;
        this.maxRpcBytes = maxRpcBytes;
        this.callbacks = callbacks;
        this.maxPendingDeliveries = maxPendingDeliveries;
        this.random = random;
        this.clock = clock;
        this.seen = new SeenCache(config.seenTtl().toNanos(), 200_000);
        this.mcache = new MessageCache(config.mcacheLength(), config.mcacheGossip(), 64L * maxMessageBytes);
        // Wall-clock nanoseconds seed keeps our seqnos increasing across restarts, as receivers expect.
        this.seqno = System.currentTimeMillis() * 1_000_000L;
    }

    /** Messages dropped because a peer's queue or the delivery queue was full (for metrics/tests). */
    public long droppedCount() {
        return dropped.get();
    }

    // ---- peers -------------------------------------------------------------------------------

    /** A connection to {@code conn.peer()} is up (or replaced a duplicate): open our outbound stream. */
    public void addPeer(PeerStreams conn) {
        PeerState p = peers.computeIfAbsent(conn.peer(), k -> new PeerState());
        p.conn = conn;
        p.out = null;
        p.outReady = false;
        p.unsupported = false;
        conn.openStream(PROTOCOL_ID, new OutboundStream(p));
    }

    public void removePeer(PeerId peer) {
        peers.remove(peer);
        for (Set<PeerId> m : mesh.values()) {
            m.remove(peer);
        }
    }

    /** Handler for a {@code /meshsub/1.1.0} stream the peer opened towards us. */
    public ProtocolHandler inboundHandler(PeerId peer) {
        return new InboundStream(peer);
    }

    public List<PeerId> topicPeers(String topic) {
        List<PeerId> out = new ArrayList<>();
        peers.forEach((id, p) -> {
            if (p.topics.contains(topic)) {
                out.add(id);
            }
        });
        return out;
    }

    public Set<PeerId> meshPeers(String topic) {
        return Set.copyOf(mesh.getOrDefault(topic, Set.of()));
    }

    // ---- local API ---------------------------------------------------------------------------

    public void subscribe(String topic, TopicValidator validator, MessageHandler handler) {
        boolean fresh = subscriptions.put(topic, new Subscription(validator, handler)) == null;
        if (!fresh) {
            return;
        }
        mesh.put(topic, new LinkedHashSet<>());
        Rpc announce = Rpc.ofSubscriptions(List.of(new SubOpts(true, topic)));
        for (PeerState p : peers.values()) {
            send(p, announce);
        }
        fillMesh(topic);
    }

    public void unsubscribe(String topic) {
        if (subscriptions.remove(topic) == null) {
            return;
        }
        Set<PeerId> m = mesh.remove(topic);
        Rpc announce = Rpc.ofSubscriptions(List.of(new SubOpts(false, topic)));
        for (Map.Entry<PeerId, PeerState> e : peers.entrySet()) {
            send(e.getValue(), announce);
            if (m != null && m.contains(e.getKey())) {
                sendPrune(e.getKey(), e.getValue(), topic);
            }
        }
    }

    /** Signs and sends to every peer subscribed to the topic (flood publish); returns the count. */
    public int publish(String topic, byte[] data) {
        if (data.length > maxMessageBytes) {
            throw new IllegalArgumentException("message of " + data.length + " bytes exceeds " + maxMessageBytes);
        }
        Message m = config.signaturePolicy() == SignaturePolicy.STRICT_SIGN
                ? StrictSign.sign(hostKey, topic, data, ++seqno)
                : StrictNoSign.message(topic, data);
        MessageKey id = new MessageKey(messageId(m));
        if (!seen.add(id, clock.getAsLong())) {
            return 0; // identical data already published or seen: same id, so peers would drop it too
        }
        mcache.put(id, m);
        Rpc rpc = Rpc.ofMessages(List.of(m));
        int sent = 0;
        for (PeerState p : peers.values()) {
            if (p.topics.contains(topic) && send(p, rpc)) {
                sent++;
            }
        }
        return sent;
    }

    // ---- inbound -----------------------------------------------------------------------------

    void handleRpc(PeerId from, Rpc rpc) {
        PeerState p = peers.get(from);
        if (p == null) {
            return;
        }
        for (SubOpts s : rpc.subscriptions()) {
            if (s.subscribe()) {
                if (p.topics.size() < MAX_TOPICS_PER_PEER) {
                    p.topics.add(s.topic());
                }
            } else {
                p.topics.remove(s.topic());
                Set<PeerId> m = mesh.get(s.topic());
                if (m != null) {
                    m.remove(from);
                }
            }
        }
        for (Message m : rpc.publish()) {
            handleMessage(from, m);
        }
        if (rpc.control() != null) {
            handleControl(from, p, rpc.control());
        }
    }

    private void handleMessage(PeerId source, Message m) {
        Subscription sub = subscriptions.get(m.topic());
        if (sub == null) {
            return; // we neither consume nor relay topics we are not subscribed to
        }
        if (m.data() != null && m.data().length > maxMessageBytes) {
            return;
        }
        MessageKey id = new MessageKey(messageId(m));
        if (!seen.add(id, clock.getAsLong())) {
            return;
        }
        PeerId author = null; // anonymous under StrictNoSign: our own echoes are caught by the seen-cache
        try {
            if (config.signaturePolicy() == SignaturePolicy.STRICT_SIGN) {
                author = StrictSign.verify(m);
            } else {
                StrictNoSign.check(m);
            }
        } catch (DecodeException e) {
            LOG.debug("rejecting message from {}: {}", source, e.getMessage());
            return;
        }
        if (hostKey.peerId().equals(author)) {
            return; // our own message echoed back
        }
        PubsubMessage pm = new PubsubMessage(m.topic(), author, m.data() == null ? new byte[0] : m.data(), id.id());
        Validation verdict;
        try {
            verdict = sub.validator().validate(pm);
        } catch (RuntimeException e) {
            LOG.warn("topic validator for {} threw; treating the message as REJECT", m.topic(), e);
            verdict = Validation.REJECT;
        }
        if (verdict != Validation.ACCEPT) {
            return;
        }
        mcache.put(id, m);
        deliver(sub.handler(), pm);
        Rpc fwd = Rpc.ofMessages(List.of(m));
        for (PeerId peer : mesh.getOrDefault(m.topic(), Set.of())) {
            if (!peer.equals(source) && !peer.equals(author)) {
                PeerState p = peers.get(peer);
                if (p != null) {
                    send(p, fwd);
                }
            }
        }
    }

    private void deliver(MessageHandler handler, PubsubMessage pm) {
        if (pendingDeliveries.incrementAndGet() > maxPendingDeliveries) {
            pendingDeliveries.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        callbacks.execute(() -> {
            try {
                handler.onMessage(pm);
            } catch (RuntimeException e) {
                LOG.warn("message handler for {} threw", pm.topic(), e);
            } finally {
                pendingDeliveries.decrementAndGet();
            }
        });
    }

    private void handleControl(PeerId from, PeerState p, Control c) {
        long now = clock.getAsLong();
        List<Prune> pruneBack = new ArrayList<>();
        for (Graft g : c.graft()) {
            Set<PeerId> m = mesh.get(g.topic());
            if (m == null) {
                pruneBack.add(new Prune(g.topic(), config.pruneBackoff().toSeconds()));
            } else if (inBackoff(g.topic(), from, now)) {
                pruneBack.add(new Prune(g.topic(), config.pruneBackoff().toSeconds()));
            } else {
                m.add(from);
            }
        }
        for (Prune pr : c.prune()) {
            Set<PeerId> m = mesh.get(pr.topic());
            if (m != null) {
                m.remove(from);
            }
            long seconds = pr.backoffSeconds() >= 0 ? pr.backoffSeconds() : config.pruneBackoff().toSeconds();
            setBackoff(pr.topic(), from, now + seconds * 1_000_000_000L);
        }
        List<byte[]> want = new ArrayList<>();
        for (IHave ih : c.ihave()) {
            if (!subscriptions.containsKey(ih.topic())) {
                continue;
            }
            for (byte[] id : ih.messageIds()) {
                if (p.ihaveIdsThisHeartbeat >= config.maxIhaveLength()) {
                    break;
                }
                p.ihaveIdsThisHeartbeat++;
                if (!seen.contains(new MessageKey(id))) {
                    want.add(id);
                }
            }
        }
        List<Message> replies = new ArrayList<>();
        for (IWant iw : c.iwant()) {
            for (byte[] id : iw.messageIds()) {
                if (p.iwantRepliesThisHeartbeat >= MAX_IWANT_REPLIES_PER_HEARTBEAT) {
                    break;
                }
                Message m = mcache.get(new MessageKey(id));
                if (m != null) {
                    p.iwantRepliesThisHeartbeat++;
                    replies.add(m);
                }
            }
        }
        Control reply = new Control(List.of(), want.isEmpty() ? List.of() : List.of(new IWant(want)), List.of(), pruneBack);
        if (!reply.isEmpty()) {
            send(p, Rpc.ofControl(reply));
        }
        for (Message m : replies) {
            send(p, Rpc.ofMessages(List.of(m)));
        }
    }

    // ---- heartbeat ---------------------------------------------------------------------------

    /** Mesh maintenance, gossip emission and cache upkeep; call every {@code config.heartbeat()}. */
    public void heartbeat() {
        long now = clock.getAsLong();
        expireBackoff(now);
        for (String topic : new ArrayList<>(mesh.keySet())) {
            Set<PeerId> m = mesh.get(topic);
            m.removeIf(peer -> {
                PeerState p = peers.get(peer);
                return p == null || !p.topics.contains(topic);
            });
            if (m.size() < config.dLow()) {
                fillMesh(topic);
            } else if (m.size() > config.dHigh()) {
                List<PeerId> members = new ArrayList<>(m);
                Collections.shuffle(members, random);
                for (PeerId peer : members.subList(config.d(), members.size())) {
                    m.remove(peer);
                    sendPrune(peer, peers.get(peer), topic);
                }
            }
            emitGossip(topic, m);
        }
        for (PeerState p : peers.values()) {
            p.ihaveIdsThisHeartbeat = 0;
            p.iwantRepliesThisHeartbeat = 0;
        }
        mcache.shift();
        seen.expire(now);
    }

    private void fillMesh(String topic) {
        Set<PeerId> m = mesh.get(topic);
        if (m == null || m.size() >= config.d()) {
            return;
        }
        long now = clock.getAsLong();
        List<PeerId> candidates = new ArrayList<>();
        peers.forEach((id, p) -> {
            if (p.outReady && p.topics.contains(topic) && !m.contains(id) && !inBackoff(topic, id, now)) {
                candidates.add(id);
            }
        });
        Collections.shuffle(candidates, random);
        Rpc graft = Rpc.ofControl(new Control(List.of(), List.of(), List.of(new Graft(topic)), List.of()));
        for (PeerId id : candidates.subList(0, Math.min(candidates.size(), config.d() - m.size()))) {
            m.add(id);
            send(peers.get(id), graft);
        }
    }

    private void emitGossip(String topic, Set<PeerId> m) {
        List<byte[]> ids = mcache.gossipIds(topic);
        if (ids.isEmpty()) {
            return;
        }
        if (ids.size() > config.maxIhaveLength()) {
            ids = ids.subList(0, config.maxIhaveLength());
        }
        List<PeerId> candidates = new ArrayList<>();
        peers.forEach((id, p) -> {
            if (p.outReady && p.topics.contains(topic) && !m.contains(id)) {
                candidates.add(id);
            }
        });
        Collections.shuffle(candidates, random);
        Rpc ihave = Rpc.ofControl(new Control(List.of(new IHave(topic, ids)), List.of(), List.of(), List.of()));
        for (PeerId id : candidates.subList(0, Math.min(candidates.size(), config.dLazy()))) {
            send(peers.get(id), ihave);
        }
    }

    private void sendPrune(PeerId peer, PeerState p, String topic) {
        long seconds = config.pruneBackoff().toSeconds();
        setBackoff(topic, peer, clock.getAsLong() + seconds * 1_000_000_000L);
        if (p != null) {
            send(p, Rpc.ofControl(new Control(List.of(), List.of(), List.of(), List.of(new Prune(topic, seconds)))));
        }
    }

    private boolean inBackoff(String topic, PeerId peer, long now) {
        Long until = backoff.getOrDefault(topic, Map.of()).get(peer);
        return until != null && until - now > 0;
    }

    private void setBackoff(String topic, PeerId peer, long until) {
        Map<PeerId, Long> m = backoff.computeIfAbsent(topic, k -> new HashMap<>());
        Long prev = m.get(peer);
        if (prev == null || until - prev > 0) {
            m.put(peer, until);
        }
    }

    private void expireBackoff(long now) {
        backoff.values().forEach(m -> m.values().removeIf(until -> until - now <= 0));
        backoff.values().removeIf(Map::isEmpty);
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private byte[] messageId(Message m) {
        return config.messageIdFunction().apply(m.topic(),
                m.from() == null ? new byte[0] : m.from(),
                m.seqno() == null ? new byte[0] : m.seqno(),
                m.data() == null ? new byte[0] : m.data());
    }

    /** Writes one RPC; false if the peer's stream is not ready or its bounded queue is full (dropped). */
    private boolean send(PeerState p, Rpc rpc) {
        if (p == null || !p.outReady || p.out == null) {
            return false;
        }
        if (!p.out.write(LengthPrefixedReader.frame(RpcCodec.encode(rpc)))) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    private Rpc hello() {
        List<SubOpts> subs = new ArrayList<>();
        for (String t : subscriptions.keySet()) {
            subs.add(new SubOpts(true, t));
        }
        return Rpc.ofSubscriptions(subs);
    }

    /** Our write-only stream to a peer. */
    private final class OutboundStream implements ProtocolHandler {
        private final PeerState state;

        OutboundStream(PeerState state) {
            this.state = state;
        }

        @Override
        public void onNegotiated(YamuxStream stream) {
            if (peers.get(state.conn.peer()) != state) {
                stream.reset();
                return;
            }
            state.out = stream;
            state.outReady = true;
            Rpc hello = hello();
            if (!hello.isEmpty()) {
                send(state, hello);
            }
        }

        @Override
        public void onData(YamuxStream stream, byte[] data) {
            // The peer writes on its own stream; bytes here are ignored.
        }

        @Override
        public void onRefused(String reason) {
            state.unsupported = true;
        }

        @Override
        public void onClosed(YamuxStream stream) {
            if (state.out == stream) {
                state.out = null;
                state.outReady = false;
            }
        }
    }

    /** The peer's write-only stream to us: length-prefixed RPCs. */
    private final class InboundStream implements ProtocolHandler {
        private final PeerId peer;
        private final LengthPrefixedReader reader = new LengthPrefixedReader(maxRpcBytes);

        InboundStream(PeerId peer) {
            this.peer = peer;
        }

        @Override
        public void onNegotiated(YamuxStream stream) {}

        @Override
        public void onData(YamuxStream stream, byte[] data) {
            for (byte[] frame : reader.feed(data)) {
                handleRpc(peer, RpcCodec.decode(frame));
            }
        }

        @Override
        public void onRemoteClose(YamuxStream stream) {
            stream.closeWrite();
        }
    }
}
