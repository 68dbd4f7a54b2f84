package io.tally.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.yamux.StreamHandler;
import io.tally.p2p.yamux.YamuxStream;

/** Runs multistream-select on a stream we opened, then hands it (and any leftover bytes) to the protocol. */
public final class OutboundNegotiator implements StreamHandler {
    private final Initiator initiator;
    private final ProtocolHandler protocol;
    private ByteBuf buf = Unpooled.buffer(64);
    private boolean done;

    public OutboundNegotiator(String protocolId, ProtocolHandler protocol) {
        this.initiator = new Initiator(protocolId);
        this.protocol = protocol;
    }

    /** Call once, right after opening: sends header and proposal. */
    public void start(YamuxStream stream) {
        stream.write(initiator.opening());
    }

    @Override
    public void onData(YamuxStream stream, byte[] data) {
        if (done) {
            protocol.onData(stream, data);
            return;
        }
        buf.writeBytes(data);
        Negotiation n;
        try {
            n = initiator.onData(buf);
        } catch (DecodeException e) {
            done = true;
            protocol.onRefused("negotiation failed: " + e.getMessage());
            stream.reset();
            return;
        }
        if (n == Negotiation.PENDING) {
            return;
        }
        done = true;
        if (n == Negotiation.REJECTED) {
            protocol.onRefused("peer does not support " + initiator.protocol());
            stream.closeWrite();
            stream.reset();
            return;
        }
        stream.setHandler(protocol);
        protocol.onNegotiated(stream);
        if (buf.isReadable() && !stream.isClosed()) {
            byte[] rest = new byte[buf.readableBytes()];
            buf.readBytes(rest);
            protocol.onData(stream, rest);
        }
        buf = Unpooled.EMPTY_BUFFER;
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
        if (!done) {
            done = true;
            protocol.onRefused("stream closed during negotiation");
            stream.reset();
        }
    }

    @Override
    public void onClosed(YamuxStream stream) {
        if (!done) {
            done = true;
            protocol.onRefused("stream reset during negotiation");
        }
    }
}
