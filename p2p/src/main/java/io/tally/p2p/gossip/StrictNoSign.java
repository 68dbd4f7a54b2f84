package io.tally.p2p.gossip;

import io.tally.p2p.gossip.Rpc.Message;
import io.tally.p2p.wire.DecodeException;

/**
 * The StrictNoSign policy: a message is only topic and data; one carrying {@code from},
 * {@code seqno}, {@code signature} or {@code key} is rejected, so an author field can never be
 * mistaken for a verified one.
 */
public final class StrictNoSign {
    private StrictNoSign() {}

    public static Message message(String topic, byte[] data) {
        return new Message(null, data, null, topic, null, null);
    }

    /** Throws {@link DecodeException} naming the field a StrictNoSign message must not carry. */
    public static void check(Message m) {
        String field = m.from() != null ? "from" : m.seqno() != null ? "seqno"
                : m.signature() != null ? "signature" : m.key() != null ? "key" : null;
        if (field != null) {
            throw new DecodeException("message carries " + field + " under StrictNoSign");
        }
    }
}
