package io.tally.p2p.host;

import io.tally.p2p.PeerId;
import io.tally.p2p.yamux.StreamHandler;
import io.tally.p2p.yamux.YamuxStream;

/** How a connection reports its life to the host. All calls happen on the host's event loop. */
interface ConnectionEvents {
    /** Noise proved {@code peer}; false means the peer is refused and the connection is closed. */
    boolean admit(Connection connection, PeerId peer);

    /** The yamux session is up; the connection may be kept or closed as a duplicate. */
    void established(Connection connection);

    /** A stream the peer opened; null refuses it. */
    StreamHandler inboundStream(Connection connection, YamuxStream stream);

    void closed(Connection connection);
}
