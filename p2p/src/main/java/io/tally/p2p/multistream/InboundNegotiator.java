package io.tally.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tally.p2p.yamux.StreamHandler;
import io.tally.p2p.yamux.YamuxStream;
import java.util.function.Function;

/**
 * Answers multistream-select on a stream the peer opened: {@code na} for anything we do not serve
 * (never a reset: js treats a reset ping stream as a dead connection), then hands the stream and any
 * bytes that arrived with the proposal to the chosen protocol.
 */
public final class InboundNegotiator implements StreamHandler {
    private final Function<String, ProtocolHandler> protocols;
    private ByteBuf buf = Unpooled.buffer(64);
    private Responder responder;
    private ProtocolHandler chosen;

    /** {@code protocols} returns a fresh handler for a supported protocol id, or null. */
    public InboundNegotiator(Function<String, ProtocolHandler> protocols) {
        this.protocols = protocols;
    }

    @Override
    public void onData(YamuxStream stream, byte[] data) {
        if (chosen != null) {
            chosen.onData(stream, data);
            return;
        }
        if (responder == null) {
            responder = new Responder(id -> {
                chosen = protocols.apply(id);
                return chosen != null;
            }, stream::write);
        }
        buf.writeBytes(data);
        if (responder.onData(buf) != Negotiation.SELECTED) {
            return;
        }
        stream.attach(responder.selected());
        stream.setHandler(chosen);
        chosen.onNegotiated(stream);
        if (buf.isReadable() && !stream.isClosed()) {
            byte[] rest = new byte[buf.readableBytes()];
            buf.readBytes(rest);
            chosen.onData(stream, rest);
        }
        buf = Unpooled.EMPTY_BUFFER;
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
        if (chosen == null) {
            stream.closeWrite();
        }
    }
}
