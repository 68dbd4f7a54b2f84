package io.tally.p2p.host;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tally.p2p.MessageHandler;
import io.tally.p2p.Multiaddr;
import io.tally.p2p.P2pConfig;
import io.tally.p2p.P2pException;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.PeerInfo;
import io.tally.p2p.PeerListener;
import io.tally.p2p.PeerNotAllowedException;
import io.tally.p2p.RequestFailedException;
import io.tally.p2p.RequestHandler;
import io.tally.p2p.TopicValidator;
import io.tally.p2p.gossip.GossipRouter;
import io.tally.p2p.identify.IdentifyMessage;
import io.tally.p2p.identify.IdentifyRequester;
import io.tally.p2p.identify.IdentifyResponder;
import io.tally.p2p.identity.HostKey;
import io.tally.p2p.multistream.InboundNegotiator;
import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.ping.PingClient;
import io.tally.p2p.ping.PingProtocol;
import io.tally.p2p.ping.PingResponder;
import io.tally.p2p.reqresp.RequestClient;
import io.tally.p2p.reqresp.RequestServer;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.yamux.StreamHandler;
import io.tally.p2p.yamux.YamuxStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty-backed host. Threading model: ONE event loop thread owns every connection, the gossip
 * router, the peer registry and all timers, so protocol state needs no locks; public methods hop
 * onto it and return futures. User callbacks go to the callback executor.
 */
public final class NettyHost implements P2pHost, ConnectionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(NettyHost.class);
    private static final String PROTOCOL_VERSION = "ipfs/0.1.0";

    private final P2pConfig config;
    private final HostKey key;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Executor callbacks;
    private final ExecutorService ownedCallbacks;
    private final GossipRouter router;
    private final Reconnector reconnector;
    private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
    private final List<PeerListener> connectedListeners = new CopyOnWriteArrayList<>();
    private final List<PeerListener> disconnectedListeners = new CopyOnWriteArrayList<>();
    private volatile Set<PeerId> allowlist;
    private volatile List<Multiaddr> boundAddresses = List.of();
    private final List<Channel> serverChannels = new ArrayList<>();
    private volatile boolean closed;

    // event-loop-owned
    private final Map<PeerId, Connection> connections = new HashMap<>();
    private final Set<Connection> handshaking = new HashSet<>();
    private volatile List<PeerInfo> peerSnapshot = List.of();

    private NettyHost(P2pConfig config) {
        this.config = config;
        this.key = HostKey.fromSeed(config.keySeed());
        this.allowlist = Set.copyOf(config.allowlist());
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("p2p-" + tail(key.peerId().toString()), true));
        this.loop = group.next();
        if (config.callbackExecutor() != null) {
            this.callbacks = config.callbackExecutor();
            this.ownedCallbacks = null;
        } else {
            this.ownedCallbacks = Executors.newSingleThreadExecutor(new DefaultThreadFactory("p2p-callbacks", true));
            this.callbacks = ownedCallbacks;
        }
        this.router = new GossipRouter(key, config.gossip(), config.limits().maxGossipMessageBytes(),
                config.limits().maxGossipRpcBytes(), callbacks, config.limits().maxPendingDeliveries(),
                new Random(new SecureRandom().nextLong()), System::nanoTime);
        this.reconnector = new Reconnector(loop, config.bootstrapPeers(), config.reconnectMin(), config.reconnectMax(),
                this::dialOnLoop, connections::containsKey);
    }

    public static NettyHost start(P2pConfig config) {
        NettyHost host = new NettyHost(config);
        try {
            host.bind();
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        long hb = config.gossip().heartbeat().toMillis();
        host.loop.scheduleAtFixedRate(host.router::heartbeat, hb, hb, TimeUnit.MILLISECONDS);
        host.loop.execute(host.reconnector::start);
        return host;
    }

    private void bind() {
        List<Multiaddr> bound = new ArrayList<>();
        for (Multiaddr m : config.listenAddresses()) {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group, group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (closed || handshaking.size() >= config.limits().maxPendingHandshakes()
                                    || connections.size() >= config.limits().maxConnections()) {
                                ch.close();
                                return;
                            }
                            Connection c = new Connection(NettyHost.this, key, config.limits(), false, null);
                            handshaking.add(c);
                            ch.pipeline().addLast(c);
                        }
                    });
            try {
                Channel ch = b.bind(m.toSocketAddress()).sync().channel();
                serverChannels.add(ch);
                bound.add(Multiaddr.tcp((InetSocketAddress) ch.localAddress()).withPeerId(key.peerId()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new P2pException("interrupted while binding " + m);
            } catch (RuntimeException e) {
                throw new P2pException("cannot listen on " + m + ": " + e.getMessage(), e);
            }
        }
        boundAddresses = List.copyOf(bound);
    }

    private WriteBufferWaterMark waterMark() {
        long high = config.limits().maxConnectionOutboundBytes();
        int h = (int) Math.min(Integer.MAX_VALUE, high);
        return new WriteBufferWaterMark(Math.max(1, h / 2), h);
    }

    // ---- P2pHost --------------------------------------------------------------------------------

    @Override
    public PeerId peerId() {
        return key.peerId();
    }

    @Override
    public List<Multiaddr> listenAddresses() {
        return boundAddresses;
    }

    @Override
    public CompletableFuture<PeerId> dial(Multiaddr address) {
        CompletableFuture<PeerId> f = new CompletableFuture<>();
        onLoop(f, () -> dialOnLoop(address).whenComplete((p, e) -> {
            if (e != null) {
                f.completeExceptionally(unwrap(e));
            } else {
                f.complete(p);
            }
        }));
        return f;
    }

    private CompletableFuture<PeerId> dialOnLoop(Multiaddr address) {
        PeerId expected = address.peerId().orElse(null);
        if (expected != null && connections.containsKey(expected)) {
            return CompletableFuture.completedFuture(expected);
        }
        if (expected != null && !allowlist.contains(expected)) {
            return CompletableFuture.failedFuture(new PeerNotAllowedException(expected));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new P2pException("host closed"));
        }
        if (handshaking.size() >= config.limits().maxPendingHandshakes()) {
            return CompletableFuture.failedFuture(new P2pException("too many pending handshakes"));
        }
        InetSocketAddress target;
        try {
            target = address.toSocketAddress();
        } catch (DecodeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Connection c = new Connection(this, key, config.limits(), true, expected);
        handshaking.add(c);
        CompletableFuture<PeerId> result = new CompletableFuture<>();
        ChannelFuture cf = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.limits().handshakeTimeout().toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .handler(c)
                .connect(target);
        cf.addListener(done -> {
            if (!done.isSuccess()) {
                handshaking.remove(c);
                result.completeExceptionally(new P2pException("cannot connect to " + address + ": " + done.cause()));
            }
        });
        c.upgraded.whenComplete((peer, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(peer);
            }
        });
        return result;
    }

    @Override
    public void subscribe(String topic, TopicValidator validator, MessageHandler handler) {
        loop.execute(() -> router.subscribe(topic, validator, handler));
    }

    @Override
    public void unsubscribe(String topic) {
        loop.execute(() -> router.unsubscribe(topic));
    }

    @Override
    public CompletableFuture<Integer> publish(String topic, byte[] data) {
        byte[] copy = data.clone();
        CompletableFuture<Integer> f = new CompletableFuture<>();
        onLoop(f, () -> f.complete(router.publish(topic, copy)));
        return f;
    }

    @Override
    public void registerHandler(String protocol, RequestHandler handler) {
        if (protocol.equals(IdentifyMessage.PROTOCOL_ID) || protocol.equals(PingProtocol.PROTOCOL_ID)
                || protocol.equals(GossipRouter.PROTOCOL_ID)) {
            throw new IllegalArgumentException("reserved protocol " + protocol);
        }
        handlers.put(protocol, handler);
    }

    @Override
    public CompletableFuture<byte[]> request(PeerId peer, String protocol, byte[] request, Duration timeout) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        if (request.length > config.limits().maxRequestBytes()) {
            f.completeExceptionally(new RequestFailedException("request exceeds " + config.limits().maxRequestBytes() + " bytes"));
            return f;
        }
        byte[] copy = request.clone();
        onLoop(f, () -> {
            Connection c = connections.get(peer);
            if (c == null) {
                f.completeExceptionally(new RequestFailedException("not connected to " + peer));
                return;
            }
            RequestClient client = new RequestClient(copy, config.limits().maxResponseBytes(), f);
            var timer = loop.schedule(() -> {
                if (f.completeExceptionally(new RequestFailedException("timed out after " + timeout.toMillis() + " ms"))) {
                    client.cancel();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            f.whenComplete((r, e) -> timer.cancel(false));
            c.openStream(protocol, client);
        });
        return f;
    }

    @Override
    public CompletableFuture<Duration> ping(PeerId peer, Duration timeout) {
        CompletableFuture<Duration> f = new CompletableFuture<>();
        onLoop(f, () -> {
            Connection c = connections.get(peer);
            if (c == null) {
                f.completeExceptionally(new P2pException("not connected to " + peer));
                return;
            }
            c.openStream(PingProtocol.PROTOCOL_ID, new PingClient(f));
        });
        return f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public List<PeerInfo> peers() {
        return peerSnapshot;
    }

    @Override
    public List<PeerId> topicPeers(String topic) {
        return callOnLoop(() -> router.topicPeers(topic));
    }

    /** Current mesh of a topic (tests and diagnostics). */
    public Set<PeerId> meshPeers(String topic) {
        return callOnLoop(() -> router.meshPeers(topic));
    }

    @Override
    public void onPeerConnected(PeerListener listener) {
        connectedListeners.add(listener);
    }

    @Override
    public void onPeerDisconnected(PeerListener listener) {
        disconnectedListeners.add(listener);
    }

    @Override
    public void updateAllowlist(Collection<PeerId> allowed) {
        Set<PeerId> next = Set.copyOf(allowed);
        loop.execute(() -> {
            allowlist = next;
            for (Connection c : new ArrayList<>(connections.values())) {
                if (!next.contains(c.peer())) {
                    c.closeGracefully();
                }
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop.inEventLoop()) {
            throw new IllegalStateException("close() must not be called from a validator or the p2p thread");
        }
        if (!loop.isShuttingDown()) {
            try {
                loop.submit(() -> {
                    reconnector.stop();
                    for (Channel ch : serverChannels) {
                        ch.close();
                    }
                    for (Connection c : new ArrayList<>(connections.values())) {
                        c.closeGracefully();
                    }
                    for (Connection c : new ArrayList<>(handshaking)) {
                        c.close();
                    }
                }).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("unclean p2p shutdown", e);
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown();
        }
    }

    // ---- ConnectionEvents (event loop) ------------------------------------------------------------

    @Override
    public boolean admit(Connection connection, PeerId peer) {
        if (closed || !allowlist.contains(peer) || peer.equals(key.peerId())) {
            LOG.info("refusing peer {}: not on the allowlist", peer);
            return false;
        }
        return connections.containsKey(peer) || connections.size() < config.limits().maxConnections();
    }

    @Override
    public void established(Connection c) {
        handshaking.remove(c);
        PeerId peer = c.peer();
        Connection existing = connections.get(peer);
        if (existing != null) {
            // Simultaneous dials: both ends keep the connection dialled by the smaller peer ID.
            Connection keep = survivor(existing, c);
            Connection drop = keep == existing ? c : existing;
            connections.put(peer, keep);
            if (keep == c) {
                router.addPeer(c);
                startIdentify(c);
            }
            drop.closeGracefully();
            return;
        }
        connections.put(peer, c);
        router.addPeer(c);
        startIdentify(c);
        refreshSnapshot();
        for (PeerListener l : connectedListeners) {
            callbacks.execute(() -> l.onPeer(peer));
        }
    }

    private Connection survivor(Connection existing, Connection fresh) {
        if (existing.isOutbound() == fresh.isOutbound()) {
            return existing;
        }
        boolean weAreSmaller = key.peerId().compareTo(fresh.peer()) < 0;
        Connection dialledByUs = existing.isOutbound() ? existing : fresh;
        Connection dialledByThem = existing.isOutbound() ? fresh : existing;
        return weAreSmaller ? dialledByUs : dialledByThem;
    }

    private void startIdentify(Connection c) {
        IdentifyRequester.request(c, msg -> {
            List<Multiaddr> addrs = new ArrayList<>();
            for (byte[] b : msg.listenAddrs()) {
                try {
                    addrs.add(Multiaddr.fromBytes(b));
                } catch (DecodeException e) {
                    // an address kind we do not speak (e.g. QUIC): skip it
                }
            }
            c.listenAddrs = List.copyOf(addrs);
            c.protocols = List.copyOf(msg.protocols());
            c.agentVersion = msg.agentVersion() == null ? "" : msg.agentVersion();
            refreshSnapshot();
        });
    }

    @Override
    public StreamHandler inboundStream(Connection c, YamuxStream stream) {
        if (connections.get(c.peer()) != c) {
            return null; // a duplicate on its way out
        }
        return new InboundNegotiator(id -> protocolFor(c, id));
    }

    private ProtocolHandler protocolFor(Connection c, String id) {
        switch (id) {
            case IdentifyMessage.PROTOCOL_ID:
                return new IdentifyResponder(c, () -> identifyMessage(c));
            case PingProtocol.PROTOCOL_ID:
                return new PingResponder();
            case GossipRouter.PROTOCOL_ID:
                return router.inboundHandler(c.peer());
            default:
                RequestHandler h = handlers.get(id);
                if (h == null) {
                    return null;
                }
                return new RequestServer(c, h, callbacks, config.limits().maxRequestBytes(),
                        config.limits().maxResponseBytes(), new RequestServer.Admission() {
                            @Override
                            public boolean tryAcquire() {
                                if (c.inboundRequestsInFlight >= config.limits().maxInboundRequestsPerPeer()) {
                                    return false;
                                }
                                c.inboundRequestsInFlight++;
                                return true;
                            }

                            @Override
                            public void release() {
                                c.inboundRequestsInFlight--;
                            }
                        });
        }
    }

    private IdentifyMessage identifyMessage(Connection c) {
        List<byte[]> addrs = new ArrayList<>();
        for (Multiaddr m : boundAddresses) {
            addrs.add(m.withoutPeerId().toBytes());
        }
        List<String> protos = new ArrayList<>(List.of(IdentifyMessage.PROTOCOL_ID, PingProtocol.PROTOCOL_ID,
                GossipRouter.PROTOCOL_ID));
        protos.addAll(new java.util.TreeSet<>(handlers.keySet()));
        Multiaddr remote = c.remoteAddress();
        return new IdentifyMessage(key.publicKeyProtobuf(), addrs, protos, remote == null ? null : remote.toBytes(),
                PROTOCOL_VERSION, config.agentVersion());
    }

    @Override
    public void closed(Connection c) {
        handshaking.remove(c);
        PeerId peer = c.peer();
        if (peer == null || connections.get(peer) != c) {
            return;
        }
        connections.remove(peer);
        router.removePeer(peer);
        refreshSnapshot();
        reconnector.onDisconnected(peer);
        for (PeerListener l : disconnectedListeners) {
            callbacks.execute(() -> l.onPeer(peer));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void refreshSnapshot() {
        List<PeerInfo> out = new ArrayList<>();
        for (Connection c : connections.values()) {
            out.add(new PeerInfo(c.peer(), c.remoteAddress(), c.listenAddrs, c.protocols, c.agentVersion, c.isOutbound()));
        }
        peerSnapshot = List.copyOf(out);
    }

    private void onLoop(CompletableFuture<?> f, Runnable r) {
        try {
            loop.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            f.completeExceptionally(new P2pException("host closed", e));
        }
    }

    private <T> T callOnLoop(Supplier<T> s) {
        if (loop.inEventLoop()) {
            return s.get();
        }
        try {
            return loop.submit(s::get).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new P2pException("interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new P2pException("host not responding", e);
        }
    }

    private static String tail(String s) {
        return s.substring(Math.max(0, s.length() - 6));
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Protocol ids this host serves on inbound streams (for docs/tests). */
    public Set<String> servedProtocols() {
        Set<String> s = new LinkedHashSet<>(List.of(IdentifyMessage.PROTOCOL_ID, PingProtocol.PROTOCOL_ID, GossipRouter.PROTOCOL_ID));
        s.addAll(handlers.keySet());
        return s;
    }
}
