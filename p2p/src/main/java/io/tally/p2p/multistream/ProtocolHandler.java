package io.tally.p2p.multistream;

import io.tally.p2p.yamux.StreamHandler;
import io.tally.p2p.yamux.YamuxStream;

/** A protocol running on a yamux stream once multistream-select agreed on it. */
public interface ProtocolHandler extends StreamHandler {
    /** The protocol was agreed; the stream is ready for this protocol's bytes. */
    void onNegotiated(YamuxStream stream);

    /** Only for streams we opened: the peer answered {@code na}, or the stream died before agreement. */
    default void onRefused(String reason) {}
}
