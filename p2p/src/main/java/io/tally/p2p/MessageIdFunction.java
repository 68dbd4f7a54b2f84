package io.tally.p2p;

import io.tally.crypto.Sha256;

/**
 * The gossipsub message-id function. It must be identical on every peer of the network (IHAVE,
 * IWANT and de-duplication compare these ids), which is why it is explicit rather than a library
 * default: js and go disagree on theirs. The default is SHA-256 of the message data.
 */
@FunctionalInterface
public interface MessageIdFunction {
    /** {@code from} and {@code seqno} are empty arrays when absent. */
    byte[] apply(String topic, byte[] from, byte[] seqno, byte[] data);

    MessageIdFunction SHA256_OF_DATA = (topic, from, seqno, data) -> Sha256.hash(data).bytes();
}
