package io.tally.p2p.ping;

import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.yamux.YamuxStream;

/** Echoes every complete 32-byte ping; never buffers more than one partial ping. */
public final class PingResponder implements ProtocolHandler {
    private final byte[] partial = new byte[PingProtocol.PAYLOAD_BYTES];
    private int filled;

    @Override
    public void onNegotiated(YamuxStream stream) {}

    @Override
    public void onData(YamuxStream stream, byte[] data) {
        int off = 0;
        while (off < data.length) {
            int n = Math.min(PingProtocol.PAYLOAD_BYTES - filled, data.length - off);
            System.arraycopy(data, off, partial, filled, n);
            filled += n;
            off += n;
            if (filled == PingProtocol.PAYLOAD_BYTES) {
                stream.write(partial.clone());
                filled = 0;
            }
        }
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
        stream.closeWrite();
    }
}
