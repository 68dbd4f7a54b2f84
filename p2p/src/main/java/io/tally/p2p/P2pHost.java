package io.tally.p2p;

import io.tally.p2p.host.NettyHost;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A libp2p host for the node: TCP + Noise + yamux, identify, ping, gossipsub v1.1 and a small
 * request/response framework, behind an allowlist. Shaped like a libp2p Host so another
 * implementation (e.g. jvm-libp2p) could sit behind it. All methods are thread-safe and never block;
 * callbacks run on the configured callback executor, validators on the host's protocol thread.
 */
public interface P2pHost extends AutoCloseable {

    /** Binds the listen addresses, starts dialling bootstrap peers and returns the running host. */
    static P2pHost start(P2pConfig config) {
        return NettyHost.start(config);
    }

    PeerId peerId();

    /** Bound listen addresses, each ending in {@code /p2p/<our id>}. */
    List<Multiaddr> listenAddresses();

    /**
     * Connects (or reuses a connection) and completes with the proven peer ID. A {@code /p2p/<id>}
     * suffix makes the dial fail with {@link PeerIdMismatchException} if the remote proves another
     * identity; a remote outside the allowlist fails it with {@link PeerNotAllowedException}.
     */
    CompletableFuture<PeerId> dial(Multiaddr address);

    /** Subscribes; the validator decides accept/reject/ignore, the handler gets accepted messages. */
    void subscribe(String topic, TopicValidator validator, MessageHandler handler);

    void unsubscribe(String topic);

    /** Signs (StrictSign) and publishes; completes with the number of peers it was sent to. */
    CompletableFuture<Integer> publish(String topic, byte[] data);

    /** Serves {@code protocol} (e.g. {@code /tally/consensus/1}) on inbound streams. */
    void registerHandler(String protocol, RequestHandler handler);

    /** Sends one request and completes with the response, or fails with {@link RequestFailedException}. */
    CompletableFuture<byte[]> request(PeerId peer, String protocol, byte[] request, Duration timeout);

    /** One-way message to one peer: a request whose response is an empty acknowledgement. */
    default CompletableFuture<Void> send(PeerId peer, String protocol, byte[] message, Duration timeout) {
        return request(peer, protocol, message, timeout).thenApply(r -> null);
    }

    /** Round trip of one {@code /ipfs/ping/1.0.0} exchange. */
    CompletableFuture<Duration> ping(PeerId peer, Duration timeout);

    List<PeerInfo> peers();

    /** Peers we know to be subscribed to the topic (from their subscription announcements). */
    List<PeerId> topicPeers(String topic);

    void onPeerConnected(PeerListener listener);

    void onPeerDisconnected(PeerListener listener);

    /** Replaces the allowlist (e.g. a validator-set change); connected peers no longer on it are dropped. */
    void updateAllowlist(Collection<PeerId> allowed);

    /** Stops listening, closes every connection and releases threads; idempotent. */
    @Override
    void close();
}
