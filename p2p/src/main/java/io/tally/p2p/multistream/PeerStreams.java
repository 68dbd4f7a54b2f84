package io.tally.p2p.multistream;

import io.tally.p2p.PeerId;
import java.util.concurrent.ScheduledExecutorService;

/** What a protocol needs from a connection: who is on the other end, and a way to open streams. */
public interface PeerStreams {
    PeerId peer();

    /** Opens a stream and negotiates {@code protocol}; the handler learns the outcome. Event loop only. */
    void openStream(String protocol, ProtocolHandler handler);

    /** The connection's event loop, for timers that must touch stream state. */
    ScheduledExecutorService loop();

    boolean isOpen();
}
