package io.tally.p2p;

/**
 * A gossip message that passed the signature policy's checks: {@code from} is the verified
 * publisher under {@link SignaturePolicy#STRICT_SIGN} and null under
 * {@link SignaturePolicy#STRICT_NO_SIGN} (anonymous messages); {@code id} is the configured
 * message-id function's output.
 */
public record PubsubMessage(String topic, PeerId from, byte[] data, byte[] id) {
    public PubsubMessage {
        data = data.clone();
        id = id.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public byte[] id() {
        return id.clone();
    }
}
