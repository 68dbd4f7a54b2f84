package io.tally.p2p;

import java.time.Duration;

/**
 * Every bound the host enforces against peers. Defaults suit a validator network of tens of nodes.
 *
 * @param maxConnections         established connections (inbound + outbound); more are refused
 * @param maxPendingHandshakes   connections still in multistream/Noise; more are closed at once
 * @param handshakeTimeout       time allowed from TCP accept/connect to an open yamux session
 * @param maxStreamsPerConnection concurrently open yamux streams per connection
 * @param maxPendingBytesPerStream bytes queued on one stream while the peer's window is shut
 * @param maxConnectionOutboundBytes bytes buffered for the socket of one connection before it is
 *                               judged too slow and closed
 * @param maxGossipMessageBytes  largest gossip message data we publish or accept
 * @param maxGossipRpcBytes      largest length-prefixed gossipsub RPC we read
 * @param maxRequestBytes        largest request body
 * @param maxResponseBytes       largest response body
 * @param maxInboundRequestsPerPeer requests from one peer being served at once; more are reset
 * @param maxPendingDeliveries   gossip deliveries queued to the callback executor; more are dropped
 * @param keepAliveInterval      yamux ping period; an unanswered ping by the next period closes
 */
public record Limits(int maxConnections, int maxPendingHandshakes, Duration handshakeTimeout,
                     int maxStreamsPerConnection, int maxPendingBytesPerStream, long maxConnectionOutboundBytes,
                     int maxGossipMessageBytes, int maxGossipRpcBytes, int maxRequestBytes, int maxResponseBytes,
                     int maxInboundRequestsPerPeer, int maxPendingDeliveries, Duration keepAliveInterval) {

    public Limits {
        positive(maxConnections, "maxConnections");
        positive(maxPendingHandshakes, "maxPendingHandshakes");
        positive(maxStreamsPerConnection, "maxStreamsPerConnection");
        positive(maxPendingBytesPerStream, "maxPendingBytesPerStream");
        positive(maxGossipMessageBytes, "maxGossipMessageBytes");
        positive(maxRequestBytes, "maxRequestBytes");
        positive(maxResponseBytes, "maxResponseBytes");
        positive(maxInboundRequestsPerPeer, "maxInboundRequestsPerPeer");
        positive(maxPendingDeliveries, "maxPendingDeliveries");
        if (maxGossipRpcBytes < maxGossipMessageBytes + 1024) {
            throw new IllegalArgumentException("maxGossipRpcBytes must exceed maxGossipMessageBytes by at least 1 KiB");
        }
        if (maxConnectionOutboundBytes < maxPendingBytesPerStream) {
            throw new IllegalArgumentException("maxConnectionOutboundBytes must be at least maxPendingBytesPerStream");
        }
    }

    public static Limits defaults() {
        return new Limits(64, 16, Duration.ofSeconds(10), 256, 4 << 20, 32L << 20,
                1 << 20, (1 << 20) + 64 * 1024, 4 << 20, 4 << 20, 32, 10_000, Duration.ofSeconds(15));
    }

    private static void positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
