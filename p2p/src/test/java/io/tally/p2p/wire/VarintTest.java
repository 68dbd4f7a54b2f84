package io.tally.p2p.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VarintTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({"0,00", "1,01", "127,7f", "128,8001", "255,ff01", "300,ac02", "16384,808001",
        "9223372036854775807,ffffffffffffffff7f"})
    void specExamplesEncodeAndDecode(long value, String hex) {
        assertEquals(hex, HEX.formatHex(Varint.encode(value)));
        assertEquals(value, Varint.tryRead(Unpooled.wrappedBuffer(HEX.parseHex(hex))));
        assertEquals(value, Varint.read(HEX.parseHex(hex), new int[] {0}, hex.length() / 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8000", "ff00", "808000"})
    void nonMinimalEncodingsAreRejected(String hex) {
        assertThrows(DecodeException.class, () -> Varint.tryRead(Unpooled.wrappedBuffer(HEX.parseHex(hex))));
        assertThrows(DecodeException.class, () -> Varint.read(HEX.parseHex(hex), new int[] {0}, hex.length() / 2));
    }

    @Test
    void moreThanNineBytesIsRejected() {
        byte[] ten = HEX.parseHex("ffffffffffffffffff01");
        assertThrows(DecodeException.class, () -> Varint.tryRead(Unpooled.wrappedBuffer(ten)));
        assertThrows(DecodeException.class, () -> Varint.read(ten, new int[] {0}, ten.length));
    }

    @Test
    void truncatedInputWaitsForMoreOnBuffersAndFailsOnArrays() {
        ByteBuf buf = Unpooled.wrappedBuffer(HEX.parseHex("ac"));
        assertEquals(Varint.INCOMPLETE, Varint.tryRead(buf));
        assertEquals(0, buf.readerIndex(), "an incomplete varint consumes nothing");
        assertThrows(DecodeException.class, () -> Varint.read(HEX.parseHex("ac"), new int[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> Varint.encode(-1));
    }

    @Test
    void lengthPrefixedReaderReassemblesAndBoundsMessages() {
        LengthPrefixedReader r = new LengthPrefixedReader(10);
        byte[] framed = LengthPrefixedReader.frame("hello".getBytes());
        assertEquals(List.of(), r.feed(new byte[] {framed[0], framed[1]}));
        List<byte[]> out = r.feed(java.util.Arrays.copyOfRange(framed, 2, framed.length));
        assertEquals("hello", new String(out.get(0)));
        assertThrows(DecodeException.class, () -> new LengthPrefixedReader(10).feed(Varint.encode(11)));
    }

    @Property(tries = 300)
    void everyNonNegativeLongRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long v) {
        byte[] enc = Varint.encode(v);
        assertEquals(Varint.size(v), enc.length);
        int[] pos = {0};
        assertEquals(v, Varint.read(enc, pos, enc.length));
        assertEquals(enc.length, pos[0]);
    }
}
