package io.tally.p2p;

import java.time.Duration;
import java.util.Objects;

/**
 * Gossipsub v1.1 router parameters (names as in the spec). Defaults are the spec's.
 *
 * @param d            target mesh degree
 * @param dLow         graft below this
 * @param dHigh        prune above this
 * @param dLazy        peers to send IHAVE gossip to per heartbeat
 * @param heartbeat    heartbeat period
 * @param fanoutTtl    how long an unsubscribed topic's fanout is kept after our last publish
 * @param mcacheLength heartbeats a message stays in the cache (for IWANT)
 * @param mcacheGossip heartbeats whose messages are advertised in IHAVE
 * @param seenTtl      how long a message id is remembered for de-duplication
 * @param pruneBackoff how long a pruned peer must not be re-grafted (both directions)
 * @param maxIhaveLength most message ids we accept/advertise in IHAVEs per heartbeat per peer
 * @param messageIdFunction the network-wide message-id function
 * @param signaturePolicy the network-wide signature policy (default {@link SignaturePolicy#STRICT_SIGN})
 */
public record GossipConfig(int d, int dLow, int dHigh, int dLazy, Duration heartbeat, Duration fanoutTtl,
                           int mcacheLength, int mcacheGossip, Duration seenTtl, Duration pruneBackoff,
                           int maxIhaveLength, MessageIdFunction messageIdFunction, SignaturePolicy signaturePolicy) {
    public GossipConfig {
        Objects.requireNonNull(messageIdFunction, "messageIdFunction");
        Objects.requireNonNull(signaturePolicy, "signaturePolicy");
        if (!(dLow <= d && d <= dHigh) || dLow < 1 || dLazy < 0) {
            throw new IllegalArgumentException("need 1 <= D_lo <= D <= D_hi");
        }
        if (mcacheGossip > mcacheLength || mcacheLength < 1) {
            throw new IllegalArgumentException("need mcacheGossip <= mcacheLength");
        }
    }

    public static GossipConfig defaults() {
        return new GossipConfig(6, 4, 12, 6, Duration.ofSeconds(1), Duration.ofSeconds(60), 5, 3,
                Duration.ofMinutes(2), Duration.ofMinutes(1), 5000, MessageIdFunction.SHA256_OF_DATA,
                SignaturePolicy.STRICT_SIGN);
    }

    /** The same parameters with another mesh degree (target, graft below, prune above). */
    public GossipConfig withMeshDegree(int target, int graftBelow, int pruneAbove) {
        return new GossipConfig(target, graftBelow, pruneAbove, dLazy, heartbeat, fanoutTtl, mcacheLength, mcacheGossip,
                seenTtl, pruneBackoff, maxIhaveLength, messageIdFunction, signaturePolicy);
    }

    public GossipConfig withHeartbeat(Duration period) {
        return new GossipConfig(d, dLow, dHigh, dLazy, period, fanoutTtl, mcacheLength, mcacheGossip, seenTtl,
                pruneBackoff, maxIhaveLength, messageIdFunction, signaturePolicy);
    }

    public GossipConfig withMessageIdFunction(MessageIdFunction fn) {
        return new GossipConfig(d, dLow, dHigh, dLazy, heartbeat, fanoutTtl, mcacheLength, mcacheGossip, seenTtl,
                pruneBackoff, maxIhaveLength, fn, signaturePolicy);
    }

    /** The same parameters under another signature policy. */
    public GossipConfig withSignaturePolicy(SignaturePolicy policy) {
        return new GossipConfig(d, dLow, dHigh, dLazy, heartbeat, fanoutTtl, mcacheLength, mcacheGossip, seenTtl,
                pruneBackoff, maxIhaveLength, messageIdFunction, policy);
    }
}
