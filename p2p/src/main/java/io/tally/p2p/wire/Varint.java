package io.tally.p2p.wire;

import io.netty.buffer.ByteBuf;

/**
 * Unsigned LEB128 varints as the multiformats spec defines them: at most 9 bytes (63 bits) and the
 * minimal encoding only, so every value has exactly one wire form.
 */
public final class Varint {
    public static final int MAX_BYTES = 9;
    /** Returned by {@link #tryRead} when the buffer does not yet hold a whole varint. */
    public static final long INCOMPLETE = -1;

    private Varint() {}

    public static int size(long value) {
        requireUnsigned(value);
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        write(value, out, 0);
        return out;
    }

    /** Writes {@code value} at {@code off}; returns the offset after it. */
    public static int write(long value, byte[] dst, int off) {
        requireUnsigned(value);
        while ((value & ~0x7FL) != 0) {
            dst[off++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        dst[off++] = (byte) value;
        return off;
    }

    public static void write(long value, ByteBuf dst) {
        requireUnsigned(value);
        while ((value & ~0x7FL) != 0) {
            dst.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        dst.writeByte((int) value);
    }

    /**
     * Reads a varint at the reader index if the buffer holds all of it, advancing the index; returns
     * {@link #INCOMPLETE} (index unchanged) if more bytes are needed.
     */
    public static long tryRead(ByteBuf buf) {
        long value = 0;
        int start = buf.readerIndex();
        int avail = buf.readableBytes();
        for (int i = 0; i < MAX_BYTES; i++) {
            if (i >= avail) {
                return INCOMPLETE;
            }
            int b = buf.getUnsignedByte(start + i);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new DecodeException("varint is not minimally encoded");
                }
                buf.readerIndex(start + i + 1);
                return value;
            }
        }
        throw new DecodeException("varint longer than " + MAX_BYTES + " bytes");
    }

    /** Decodes from an array; {@code pos[0]} is the offset in and the offset after on return. */
    public static long read(byte[] src, int[] pos, int end) {
        long value = 0;
        int off = pos[0];
        for (int i = 0; i < MAX_BYTES; i++) {
            if (off + i >= end) {
                throw new DecodeException("truncated varint");
            }
            int b = src[off + i] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new DecodeException("varint is not minimally encoded");
                }
                pos[0] = off + i + 1;
                return value;
            }
        }
        throw new DecodeException("varint longer than " + MAX_BYTES + " bytes");
    }

    private static void requireUnsigned(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint value must be non-negative: " + value);
        }
    }
}
