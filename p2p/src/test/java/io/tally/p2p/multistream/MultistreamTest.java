package io.tally.p2p.multistream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tally.p2p.wire.DecodeException;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultistreamTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void linesMatchTheSpecBytes() {
        assertEquals("036e610a", HEX.formatHex(Multistream.encode("na")));
        assertEquals("036c730a", HEX.formatHex(Multistream.encode("ls")));
        assertEquals("132f6d756c746973747265616d2f312e302e300a", HEX.formatHex(Multistream.encode("/multistream/1.0.0")));
    }

    @Test
    void responderAnswersNaForUnsupportedProtocolsThenAcceptsASupportedOne() {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        Responder r = new Responder(Set.of("/ipfs/ping/1.0.0")::contains, sent::writeBytes);
        ByteBuf in = Unpooled.wrappedBuffer(Multistream.encode("/multistream/1.0.0", "/meshsub/1.2.0"));
        assertEquals(Negotiation.PENDING, r.onData(in));
        assertEquals(HEX.formatHex(Multistream.encode("/multistream/1.0.0", "na")), HEX.formatHex(sent.toByteArray()));
        sent.reset();
        ByteBuf more = Unpooled.wrappedBuffer(Multistream.encode("/ipfs/ping/1.0.0"), new byte[] {1, 2, 3});
        assertEquals(Negotiation.SELECTED, r.onData(more));
        assertEquals("/ipfs/ping/1.0.0", r.selected());
        assertEquals(HEX.formatHex(Multistream.encode("/ipfs/ping/1.0.0")), HEX.formatHex(sent.toByteArray()),
                "the header goes out only once");
        assertEquals(3, more.readableBytes(), "bytes after the proposal are left for the protocol");
    }

    @Test
    void initiatorSeesNaAsRejection() {
        Initiator i = new Initiator("/yamux/1.0.0");
        assertEquals(Negotiation.REJECTED, i.onData(Unpooled.wrappedBuffer(Multistream.encode("/multistream/1.0.0", "na"))));
        Initiator j = new Initiator("/yamux/1.0.0");
        assertEquals(Negotiation.PENDING, j.onData(Unpooled.wrappedBuffer(Multistream.encode("/multistream/1.0.0"))));
    }

    @Test
    void malformedLinesAreTypedErrors() {
        assertThrows(DecodeException.class, () -> Multistream.tryReadLine(Unpooled.wrappedBuffer(HEX.parseHex("026e61"))));
        assertThrows(DecodeException.class, () -> Multistream.tryReadLine(Unpooled.wrappedBuffer(HEX.parseHex("00"))));
        assertThrows(DecodeException.class, () -> Multistream.tryReadLine(Unpooled.wrappedBuffer(HEX.parseHex("8110"))));
        Initiator i = new Initiator("/noise");
        assertThrows(DecodeException.class, () -> i.onData(Unpooled.wrappedBuffer(Multistream.encode("/other/1.0.0"))));
        Responder r = new Responder(p -> false, b -> { });
        ByteBuf flood = Unpooled.buffer();
        flood.writeBytes(Multistream.encode("/multistream/1.0.0"));
        for (int k = 0; k < 20; k++) {
            flood.writeBytes(Multistream.encode("/x/" + k));
        }
        assertThrows(DecodeException.class, () -> r.onData(flood));
    }
}
