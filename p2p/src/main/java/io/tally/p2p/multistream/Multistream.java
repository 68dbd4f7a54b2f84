package io.tally.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.Varint;
import java.nio.charset.StandardCharsets;

/** multistream-select 1.0 line codec: {@code uvarint(len) ‖ utf8(line) ‖ '\n'}, len counting the newline. */
public final class Multistream {
    public static final String PROTOCOL_ID = "/multistream/1.0.0";
    public static final String NA = "na";
    /** js-libp2p's limit too; a longer line is a protocol error. */
    public static final int MAX_LINE_BYTES = 1024;

    private Multistream() {}

    public static byte[] encode(String... lines) {
        int total = 0;
        byte[][] utf8 = new byte[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            utf8[i] = lines[i].getBytes(StandardCharsets.UTF_8);
            total += Varint.size(utf8[i].length + 1L) + utf8[i].length + 1;
        }
        byte[] out = new byte[total];
        int off = 0;
        for (byte[] u : utf8) {
            off = Varint.write(u.length + 1L, out, off);
            System.arraycopy(u, 0, out, off, u.length);
            off += u.length;
            out[off++] = '\n';
        }
        return out;
    }

    /** Reads one whole line (without the newline), or returns null and consumes nothing. */
    public static String tryReadLine(ByteBuf buf) {
        int start = buf.readerIndex();
        long len = Varint.tryRead(buf);
        if (len == Varint.INCOMPLETE) {
            return null;
        }
        if (len < 1 || len > MAX_LINE_BYTES) {
            throw new DecodeException("multistream line length " + len + " out of range");
        }
        if (buf.readableBytes() < len) {
            buf.readerIndex(start);
            return null;
        }
        byte[] line = new byte[(int) len];
        buf.readBytes(line);
        if (line[line.length - 1] != '\n') {
            throw new DecodeException("multistream line lacks the trailing newline");
        }
        return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    }
}
