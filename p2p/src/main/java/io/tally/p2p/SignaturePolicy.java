package io.tally.p2p;

/**
 * The gossipsub message signature policy (libp2p pubsub spec, "Signature policy"). Network-wide:
 * every peer of a network must use the same one, or they drop each other's messages.
 */
public enum SignaturePolicy {
    /**
     * Every message carries its author, a sequence number and the author's signature, and every
     * receiver verifies it (one public-key signature per message per hop). The libp2p default.
     */
    STRICT_SIGN,
    /**
     * Messages carry no author, sequence number, signature or key, and a message carrying any of
     * them is rejected. For networks whose payloads authenticate themselves (signed transactions,
     * signed consensus messages) between peers that Noise already authenticated: it saves a
     * signature per message and a verification per message per peer. The message-id function must
     * then depend on the content only (as {@link MessageIdFunction#SHA256_OF_DATA} does).
     */
    STRICT_NO_SIGN
}
