package io.tally.ledger.codec;

import java.util.Arrays;

/** Appends big-endian fixed-width integers and length-prefixed byte strings to a growable buffer. */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(128);
    }

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public ByteWriter u8(int v) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException("u8 out of range: " + v);
        }
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException("u16 out of range: " + v);
        }
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u32(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("u32 out of range: " + v);
        }
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** A non-negative long as 8 big-endian bytes; negative values are a programming error. */
    public ByteWriter u63(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative value: " + v);
        }
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    public ByteWriter raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    public ByteWriter raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** u8 length followed by the bytes. */
    public ByteWriter bytes8(byte[] b) {
        return u8(b.length).raw(b);
    }

    /** u16 length followed by the bytes. */
    public ByteWriter bytes16(byte[] b) {
        return u16(b.length).raw(b);
    }

    /** u32 length followed by the bytes. */
    public ByteWriter bytes32(byte[] b) {
        return u32(b.length).raw(b);
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
