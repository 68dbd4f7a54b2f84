package io.tally.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.tally.p2p.wire.DecodeException;

/**
 * Dialer side of multistream-select for exactly one protocol: send header and proposal in one
 * write, then expect the header and the echo (or {@code na}). Single-threaded.
 */
public final class Initiator {
    private final String protocol;
    private boolean headerSeen;

    public Initiator(String protocol) {
        this.protocol = protocol;
    }

    public byte[] opening() {
        return Multistream.encode(Multistream.PROTOCOL_ID, protocol);
    }

    public String protocol() {
        return protocol;
    }

    public Negotiation onData(ByteBuf buf) {
        if (!headerSeen) {
            String line = Multistream.tryReadLine(buf);
            if (line == null) {
                return Negotiation.PENDING;
            }
            if (!line.equals(Multistream.PROTOCOL_ID)) {
                throw new DecodeException("peer does not speak " + Multistream.PROTOCOL_ID + ": '" + line + "'");
            }
            headerSeen = true;
        }
        String line = Multistream.tryReadLine(buf);
        if (line == null) {
            return Negotiation.PENDING;
        }
        if (line.equals(protocol)) {
            return Negotiation.SELECTED;
        }
        if (line.equals(Multistream.NA)) {
            return Negotiation.REJECTED;
        }
        throw new DecodeException("unexpected multistream answer '" + line + "' to " + protocol);
    }
}
