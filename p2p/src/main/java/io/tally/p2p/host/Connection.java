package io.tally.p2p.host;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.tally.p2p.Limits;
import io.tally.p2p.Multiaddr;
import io.tally.p2p.P2pException;
import io.tally.p2p.PeerId;
import io.tally.p2p.PeerIdMismatchException;
import io.tally.p2p.PeerNotAllowedException;
import io.tally.p2p.identity.HostKey;
import io.tally.p2p.multistream.Initiator;
import io.tally.p2p.multistream.Negotiation;
import io.tally.p2p.multistream.OutboundNegotiator;
import io.tally.p2p.multistream.PeerStreams;
import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.multistream.Responder;
import io.tally.p2p.noise.CipherState;
import io.tally.p2p.noise.NoisePayload;
import io.tally.p2p.noise.NoiseXX;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.yamux.YamuxException;
import io.tally.p2p.yamux.YamuxFrame;
import io.tally.p2p.yamux.YamuxSession;
import io.tally.p2p.yamux.YamuxStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection and its whole upgrade: multistream ({@code /noise}) → Noise XX with the
 * libp2p payload → encrypted multistream ({@code /yamux/1.0.0}) → yamux. One handler owns every
 * phase so bytes that arrive early for the next phase are never lost. Runs entirely on its event
 * loop; any malformed input closes this connection and nothing else.
 */
final class Connection extends ChannelInboundHandlerAdapter implements PeerStreams {
    static final String NOISE_ID = "/noise";
    static final String YAMUX_ID = "/yamux/1.0.0";
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int MAX_NOISE_PLAINTEXT = NoiseXX.MAX_MESSAGE_BYTES - CipherState.TAG_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Phase { SECURITY, NOISE, MUXER, OPEN, CLOSED }

    private final ConnectionEvents events;
    private final HostKey hostKey;
    private final Limits limits;
    private final boolean outbound;
    private final PeerId expectedPeer;
    final CompletableFuture<PeerId> upgraded = new CompletableFuture<>();

    private Channel channel;
    private Phase phase = Phase.SECURITY;
    private final ByteBuf raw = Unpooled.buffer();
    private final ByteBuf plain = Unpooled.buffer();
    private final ByteBuf outPlain = Unpooled.buffer();
    private boolean flushScheduled;
    private Initiator initiator;
    private Responder responder;
    private NoiseXX noise;
    private byte[] noiseStaticPrivate;
    private CipherState sendCipher;
    private CipherState recvCipher;
    private YamuxSession session;
    private PeerId remotePeer;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> keepAlive;
    private P2pException failure;

    // identify results and per-peer accounting, owned by the event loop
    volatile List<Multiaddr> listenAddrs = List.of();
    volatile List<String> protocols = List.of();
    volatile String agentVersion = "";
    int inboundRequestsInFlight;

    Connection(ConnectionEvents events, HostKey hostKey, Limits limits, boolean outbound, PeerId expectedPeer) {
        this.events = events;
        this.hostKey = hostKey;
        this.limits = limits;
        this.outbound = outbound;
        this.expectedPeer = expectedPeer;
    }

    boolean isOutbound() {
        return outbound;
    }

    @Override
    public PeerId peer() {
        return remotePeer;
    }

    @Override
    public ScheduledExecutorService loop() {
        return channel.eventLoop();
    }

    @Override
    public boolean isOpen() {
        return phase == Phase.OPEN;
    }

    Multiaddr remoteAddress() {
        return channel != null && channel.remoteAddress() instanceof InetSocketAddress a ? Multiaddr.tcp(a) : null;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        handshakeTimer = channel.eventLoop().schedule(
                () -> fail(new P2pException("handshake timed out")),
                limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        noiseStaticPrivate = NoiseXX.newPrivateKey(RANDOM); // fresh per connection, never stored
        if (outbound) {
            initiator = new Initiator(NOISE_ID);
            writeRaw(initiator.opening());
        } else {
            responder = new Responder(NOISE_ID::equals, this::writeRaw);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            raw.writeBytes(in);
        } finally {
            in.release();
        }
        try {
            process();
        } catch (DecodeException | YamuxException e) {
            LOG.debug("closing connection to {}: {}", remotePeer, e.getMessage());
            if (session != null) {
                session.goAway(YamuxSession.GO_AWAY_PROTOCOL_ERROR);
                flushNow();
            }
            fail(e);
        } catch (P2pException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.warn("internal error on connection to {}", remotePeer, e);
            fail(new P2pException("internal error: " + e, e));
        }
        raw.discardSomeReadBytes();
        plain.discardSomeReadBytes();
    }

    private void process() {
        if (phase == Phase.SECURITY) {
            Negotiation n = outbound ? initiator.onData(raw) : responder.onData(raw);
            if (n == Negotiation.PENDING) {
                return;
            }
            if (n == Negotiation.REJECTED) {
                throw new P2pException("peer does not support " + NOISE_ID);
            }
            phase = Phase.NOISE;
            noise = new NoiseXX(outbound, noiseStaticPrivate, RANDOM);
            if (outbound) {
                writeNoiseFrame(noise.writeMessage(new byte[0]));
            }
        }
        if (phase == Phase.NOISE) {
            while (phase == Phase.NOISE) {
                byte[] msg = readNoiseFrame();
                if (msg == null) {
                    return;
                }
                onHandshakeMessage(msg);
            }
        }
        while (phase != Phase.CLOSED) {
            byte[] msg = readNoiseFrame();
            if (msg == null) {
                break;
            }
            plain.writeBytes(recvCipher.decryptWithAd(new byte[0], msg));
        }
        if (phase == Phase.MUXER) {
            Negotiation n = outbound ? initiator.onData(plain) : responder.onData(plain);
            if (n == Negotiation.REJECTED) {
                throw new P2pException("peer does not support " + YAMUX_ID);
            }
            if (n == Negotiation.PENDING) {
                return;
            }
            openSession();
        }
        while (phase == Phase.OPEN) {
            YamuxFrame f = YamuxFrame.tryDecode(plain, YamuxSession.Config.SPEC_INITIAL_WINDOW);
            if (f == null) {
                break;
            }
            if (session.onFrame(f)) {
                close();
            }
        }
    }

    private void onHandshakeMessage(byte[] msg) {
        byte[] payload = noise.readMessage(msg);
        if (outbound) {
            // msg2 arrived: the responder's identity is proven here, before we reveal ours.
            proveRemote(payload);
            writeNoiseFrame(noise.writeMessage(NoisePayload.sign(hostKey, noise.staticPublicKey()).encode()));
        } else if (!noise.isComplete()) {
            writeNoiseFrame(noise.writeMessage(NoisePayload.sign(hostKey, noise.staticPublicKey()).encode()));
            return;
        } else {
            proveRemote(payload);
        }
        CipherState[] c = noise.split();
        sendCipher = c[0];
        recvCipher = c[1];
        noise = null;
        if (!events.admit(this, remotePeer)) {
            throw new PeerNotAllowedException(remotePeer);
        }
        phase = Phase.MUXER;
        if (outbound) {
            initiator = new Initiator(YAMUX_ID);
            sendPlain(initiator.opening());
        } else {
            responder = new Responder(YAMUX_ID::equals, this::sendPlain);
        }
    }

    private void proveRemote(byte[] payload) {
        PeerId proven = NoisePayload.decode(payload).verify(noise.remoteStaticKey());
        if (expectedPeer != null && !expectedPeer.equals(proven)) {
            throw new PeerIdMismatchException(expectedPeer, proven);
        }
        remotePeer = proven;
    }

    private void openSession() {
        YamuxSession.Config cfg = new YamuxSession.Config(limits.maxStreamsPerConnection(),
                limits.maxPendingBytesPerStream(), 64 * 1024);
        session = new YamuxSession(outbound, cfg, this::sendPlain, s -> events.inboundStream(this, s));
        phase = Phase.OPEN;
        handshakeTimer.cancel(false);
        long period = limits.keepAliveInterval().toMillis();
        keepAlive = channel.eventLoop().scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
        events.established(this);
        upgraded.complete(remotePeer);
    }

    private void keepAlive() {
        if (phase != Phase.OPEN) {
            return;
        }
        if (session.pingOutstanding()) {
            fail(new P2pException("keep-alive ping unanswered"));
            return;
        }
        session.ping(RANDOM.nextInt(), System.nanoTime());
    }

    @Override
    public void openStream(String protocol, ProtocolHandler handler) {
        if (phase != Phase.OPEN) {
            handler.onRefused("connection not open");
            return;
        }
        OutboundNegotiator neg = new OutboundNegotiator(protocol, handler);
        YamuxStream s = session.open(neg);
        if (s == null) {
            handler.onRefused("stream limit reached or session closing");
            return;
        }
        s.attach(protocol);
        neg.start(s);
    }

    private byte[] readNoiseFrame() {
        if (raw.readableBytes() < 2) {
            return null;
        }
        int len = raw.getUnsignedShort(raw.readerIndex());
        if (raw.readableBytes() < 2 + len) {
            return null;
        }
        raw.skipBytes(2);
        byte[] msg = new byte[len];
        raw.readBytes(msg);
        return msg;
    }

    private void writeNoiseFrame(byte[] msg) {
        ByteBuf b = channel.alloc().buffer(2 + msg.length);
        b.writeShort(msg.length);
        b.writeBytes(msg);
        channel.writeAndFlush(b);
    }

    private void writeRaw(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    /** Queues plaintext; it is encrypted and flushed once the current event-loop task ends. */
    void sendPlain(byte[] bytes) {
        if (phase == Phase.CLOSED) {
            return;
        }
        outPlain.writeBytes(bytes);
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(this::flushNow);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        if (phase == Phase.CLOSED || !outPlain.isReadable()) {
            return;
        }
        byte[] chunk = new byte[Math.min(outPlain.readableBytes(), MAX_NOISE_PLAINTEXT)];
        while (outPlain.isReadable()) {
            int n = Math.min(outPlain.readableBytes(), MAX_NOISE_PLAINTEXT);
            if (n != chunk.length) {
                chunk = new byte[n];
            }
            outPlain.readBytes(chunk);
            byte[] ct = sendCipher.encryptWithAd(new byte[0], chunk);
            ByteBuf b = channel.alloc().buffer(2 + ct.length);
            b.writeShort(ct.length);
            b.writeBytes(ct);
            channel.write(b);
        }
        outPlain.clear();
        channel.flush();
        if (!channel.isWritable()) {
            // The peer stopped reading while we owe it more than the per-connection bound.
            fail(new P2pException("peer too slow: outbound buffer over " + limits.maxConnectionOutboundBytes() + " bytes"));
        }
    }

    void fail(P2pException e) {
        if (failure == null) {
            failure = e;
        }
        close();
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    /** Graceful close: GoAway(0), then close once it is flushed. */
    void closeGracefully() {
        if (session != null && phase == Phase.OPEN) {
            session.goAway(YamuxSession.GO_AWAY_NORMAL);
            flushNow();
        }
        close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Phase was = phase;
        phase = Phase.CLOSED;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (session != null) {
            session.close();
        }
        raw.release();
        plain.release();
        outPlain.release();
        upgraded.completeExceptionally(failure != null ? failure : new P2pException("connection closed during " + was));
        events.closed(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error with {}: {}", remotePeer, cause.toString());
        fail(new P2pException("I/O error: " + cause.getMessage(), cause));
    }

    @Override
    public String toString() {
        return "Connection{" + (outbound ? "to " : "from ") + remotePeer + " " + channel + "}";
    }
}
