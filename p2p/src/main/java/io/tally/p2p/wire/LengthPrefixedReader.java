package io.tally.p2p.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Reassembles {@code uvarint(len) ‖ bytes} messages from arbitrary chunks. A declared length above
 * the limit is rejected before any of the body is buffered, so a peer cannot make us allocate.
 * Not thread-safe: owned by one stream on one event loop.
 */
public final class LengthPrefixedReader {
    private final int maxMessageBytes;
    private final ByteBuf pending = Unpooled.buffer();
    private long expected = -1;

    public LengthPrefixedReader(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Appends a chunk and returns every message it completed (possibly none). */
    public List<byte[]> feed(byte[] chunk) {
        pending.writeBytes(chunk);
        List<byte[]> out = new ArrayList<>(1);
        while (true) {
            if (expected < 0) {
                expected = Varint.tryRead(pending);
                if (expected < 0) {
                    break;
                }
                if (expected > maxMessageBytes) {
                    throw new DecodeException("message of " + expected + " bytes exceeds limit " + maxMessageBytes);
                }
            }
            if (pending.readableBytes() < expected) {
                break;
            }
            byte[] msg = new byte[(int) expected];
            pending.readBytes(msg);
            out.add(msg);
            expected = -1;
        }
        pending.discardReadBytes();
        return out;
    }

    /** Bytes of an unfinished message still held (for tests and accounting). */
    public int buffered() {
        return pending.readableBytes();
    }

    public boolean isIdle() {
        return expected < 0 && pending.readableBytes() == 0;
    }

    public static byte[] frame(byte[] message) {
        byte[] out = new byte[Varint.size(message.length) + message.length];
        int off = Varint.write(message.length, out, 0);
        System.arraycopy(message, 0, out, off, message.length);
        return out;
    }
}
