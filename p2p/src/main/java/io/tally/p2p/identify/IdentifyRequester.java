package io.tally.p2p.identify;

import io.tally.p2p.identity.RemotePublicKey;
import io.tally.p2p.multistream.PeerStreams;
import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.LengthPrefixedReader;
import io.tally.p2p.yamux.YamuxStream;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads the peer's identify message on a stream we opened. The announced key must be the key of
 * the peer's Noise-proven identity, or the message is rejected.
 */
public final class IdentifyRequester implements ProtocolHandler {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final PeerStreams peer;
    private final Consumer<IdentifyMessage> onResult;
    private final LengthPrefixedReader reader = new LengthPrefixedReader(IdentifyMessage.MAX_BYTES);
    private ScheduledFuture<?> timeout;
    private boolean done;

    public IdentifyRequester(PeerStreams peer, Consumer<IdentifyMessage> onResult) {
        this.peer = peer;
        this.onResult = onResult;
    }

    public static void request(PeerStreams peer, Consumer<IdentifyMessage> onResult) {
        peer.openStream(IdentifyMessage.PROTOCOL_ID, new IdentifyRequester(peer, onResult));
    }

    @Override
    public void onNegotiated(YamuxStream stream) {
        timeout = peer.loop().schedule(stream::reset, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onData(YamuxStream stream, byte[] data) {
        if (done) {
            return;
        }
        List<byte[]> msgs = reader.feed(data);
        if (msgs.isEmpty()) {
            return;
        }
        IdentifyMessage m = IdentifyMessage.decode(msgs.get(0));
        if (m.publicKey() != null && !peer.peer().matches(RemotePublicKey.decode(m.publicKey()))) {
            throw new DecodeException("identify public key does not match the peer's proven identity");
        }
        done = true;
        onResult.accept(m);
        stream.closeWrite();
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
        stream.closeWrite();
    }

    @Override
    public void onClosed(YamuxStream stream) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
