package io.tally.p2p.yamux;

import io.netty.buffer.ByteBuf;
import io.tally.p2p.wire.DecodeException;

/**
 * One yamux frame: 12-byte big-endian header {@code version ‖ type ‖ flags ‖ streamId ‖ length},
 * followed by {@code length} payload bytes for Data frames only. For the other types
 * {@code length} is a window delta, a ping opaque value or a GoAway code.
 */
public record YamuxFrame(int type, int flags, int streamId, long length, byte[] data) {
    public static final int HEADER_BYTES = 12;
    public static final int TYPE_DATA = 0;
    public static final int TYPE_WINDOW_UPDATE = 1;
    public static final int TYPE_PING = 2;
    public static final int TYPE_GO_AWAY = 3;
    public static final int SYN = 1;
    public static final int ACK = 2;
    public static final int FIN = 4;
    public static final int RST = 8;
    private static final int KNOWN_FLAGS = SYN | ACK | FIN | RST;

    public YamuxFrame {
        data = data == null ? new byte[0] : data;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public static byte[] header(int type, int flags, int streamId, long length) {
        byte[] h = new byte[HEADER_BYTES];
        h[0] = 0;
        h[1] = (byte) type;
        h[2] = (byte) (flags >>> 8);
        h[3] = (byte) flags;
        putInt(h, 4, streamId);
        putInt(h, 8, (int) length);
        return h;
    }

    public byte[] encode() {
        byte[] h = header(type, flags, streamId, type == TYPE_DATA ? data.length : length);
        if (type != TYPE_DATA || data.length == 0) {
            return h;
        }
        byte[] out = new byte[HEADER_BYTES + data.length];
        System.arraycopy(h, 0, out, 0, HEADER_BYTES);
        System.arraycopy(data, 0, out, HEADER_BYTES, data.length);
        return out;
    }

    /**
     * Decodes one frame if the buffer holds all of it (else returns null and consumes nothing).
     * A Data frame longer than {@code maxDataBytes} is rejected from its header alone: no receive
     * window we ever grant is larger, so it can only be an overrun.
     */
    public static YamuxFrame tryDecode(ByteBuf buf, int maxDataBytes) {
        if (buf.readableBytes() < HEADER_BYTES) {
            return null;
        }
        int base = buf.readerIndex();
        int version = buf.getUnsignedByte(base);
        int type = buf.getUnsignedByte(base + 1);
        int flags = buf.getUnsignedShort(base + 2);
        int streamId = buf.getInt(base + 4);
        long length = buf.getUnsignedInt(base + 8);
        if (version != 0) {
            throw new DecodeException("unsupported yamux version " + version);
        }
        if (type > TYPE_GO_AWAY) {
            throw new DecodeException("unknown yamux frame type " + type);
        }
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new DecodeException("unknown yamux flags 0x" + Integer.toHexString(flags));
        }
        byte[] data = null;
        if (type == TYPE_DATA) {
            if (length > maxDataBytes) {
                throw new DecodeException("yamux data frame of " + length + " bytes exceeds " + maxDataBytes);
            }
            if (buf.readableBytes() < HEADER_BYTES + length) {
                return null;
            }
            data = new byte[(int) length];
            buf.getBytes(base + HEADER_BYTES, data);
            buf.readerIndex(base + HEADER_BYTES + (int) length);
        } else {
            buf.readerIndex(base + HEADER_BYTES);
        }
        return new YamuxFrame(type, flags, streamId, length, data);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
