package io.tally.p2p.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.tally.p2p.P2pConfig;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.TopicValidator;
import io.tally.p2p.identity.HostKey;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Two Java hosts on loopback: gossip throughput with 200-byte payloads and request round-trip
 * latency, each beside a plain Netty baseline (length-prefixed TCP, no security, no muxing, no
 * signatures) driven by the same harness, so the ratio isolates the cost of the libp2p stack.
 */
@State(Scope.Benchmark)
public class P2pBench {
    static final int BATCH = 1000;
    static final int PAYLOAD = 200;
    private static final String TOPIC = "bench/1";
    private static final String ECHO = "/bench/echo/1";

    private P2pHost a;
    private P2pHost b;
    private PeerId bId;
    private final AtomicLong gossipReceived = new AtomicLong();
    private long counter;

    private EventLoopGroup nettyGroup;
    private Channel nettyClient;
    private final AtomicLong nettyReceived = new AtomicLong();
    private final AtomicReference<CompletableFuture<byte[]>> nettyPending = new AtomicReference<>();

    @Setup(Level.Trial)
    public void setup() throws Exception {
        SecureRandom rnd = new SecureRandom();
        byte[] sa = new byte[32];
        byte[] sb = new byte[32];
        rnd.nextBytes(sa);
        rnd.nextBytes(sb);
        PeerId aId = HostKey.fromSeed(sa).peerId();
        bId = HostKey.fromSeed(sb).peerId();
        b = P2pHost.start(P2pConfig.builder(sb).listen("/ip4/127.0.0.1/tcp/0").allow(aId).build());
        a = P2pHost.start(P2pConfig.builder(sa).listen("/ip4/127.0.0.1/tcp/0").allow(bId).build());
        b.subscribe(TOPIC, TopicValidator.acceptAll(), m -> gossipReceived.incrementAndGet());
        a.subscribe(TOPIC, TopicValidator.acceptAll(), m -> { });
        b.registerHandler(ECHO, (from, req) -> req);
        a.dial(b.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!a.topicPeers(TOPIC).contains(bId) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        setupNetty();
    }

    private void setupNetty() throws Exception {
        nettyGroup = new NioEventLoopGroup(1);
        Channel server = new ServerBootstrap().group(nettyGroup, nettyGroup).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4),
                                new LengthFieldPrepender(4),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                        if (msg.readableBytes() > 0 && msg.getByte(msg.readerIndex()) == 'R') {
                                            ctx.writeAndFlush(msg.retain());
                                        } else {
                                            nettyReceived.incrementAndGet();
                                        }
                                    }
                                });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        nettyClient = new Bootstrap().group(nettyGroup).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4),
                                new LengthFieldPrepender(4),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                        byte[] out = new byte[msg.readableBytes()];
                                        msg.readBytes(out);
                                        nettyPending.get().complete(out);
                                    }
                                });
                    }
                }).connect(server.localAddress()).sync().channel();
    }

    @TearDown(Level.Trial)
    public void teardown() {
        a.close();
        b.close();
        nettyGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private byte[] payload(byte tag) {
        byte[] p = new byte[PAYLOAD];
        long c = ++counter;
        p[0] = tag;
        for (int i = 0; i < 8; i++) {
            p[1 + i] = (byte) (c >>> (8 * i)); // unique data, so gossip ids (sha256 of data) never collide
        }
        return p;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public long gossipDelivered() throws Exception {
        long target = gossipReceived.get() + BATCH;
        CompletableFuture<Integer> last = null;
        for (int i = 0; i < BATCH; i++) {
            last = a.publish(TOPIC, payload((byte) 'G'));
        }
        last.get(30, TimeUnit.SECONDS);
        awaitCount(gossipReceived, target);
        return target;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public long nettyDelivered() {
        long target = nettyReceived.get() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            nettyClient.write(nettyClient.alloc().buffer(PAYLOAD).writeBytes(payload((byte) 'G')));
        }
        nettyClient.flush();
        awaitCount(nettyReceived, target);
        return target;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] requestRoundTrip() throws Exception {
        return a.request(bId, ECHO, payload((byte) 'R'), Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] nettyRoundTrip() throws Exception {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        nettyPending.set(f);
        nettyClient.writeAndFlush(nettyClient.alloc().buffer(PAYLOAD).writeBytes(payload((byte) 'R')));
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void awaitCount(AtomicLong counter, long target) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("delivery stalled at " + counter.get() + " of " + target);
            }
            Thread.onSpinWait();
        }
    }
}
