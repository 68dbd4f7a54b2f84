package io.tally.p2p.identify;

import io.tally.p2p.multistream.PeerStreams;
import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.wire.LengthPrefixedReader;
import io.tally.p2p.yamux.YamuxStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Answers an identify request with our message, then half-closes. The FIN is deliberately sent
 * ~100 ms later in its own frame: js-libp2p 3.x aborts its identify when the multistream echo, the
 * message and the FIN arrive together (it pushes unread bytes onto an already closed stream).
 */
public final class IdentifyResponder implements ProtocolHandler {
    static final long FIN_DELAY_MILLIS = 100;

    private final PeerStreams peer;
    private final Supplier<IdentifyMessage> message;

    public IdentifyResponder(PeerStreams peer, Supplier<IdentifyMessage> message) {
        this.peer = peer;
        this.message = message;
    }

    @Override
    public void onNegotiated(YamuxStream stream) {
        stream.write(LengthPrefixedReader.frame(message.get().encode()));
        peer.loop().schedule(stream::closeWrite, FIN_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onData(YamuxStream stream, byte[] data) {
        // The requester sends nothing; anything it does send is ignored.
    }
}
