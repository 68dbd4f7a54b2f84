package io.tally.ledger.codec;

import io.tally.ledger.codec.DecodeException.Reason;

/**
 * Strict reader for the canonical encodings: every read is bounds-checked and {@link #finish()}
 * rejects trailing bytes. Never throws anything but {@link DecodeException}.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String what) throws DecodeException {
        if (n < 0 || end - pos < n) {
            throw new DecodeException(Reason.TRUNCATED, "truncated input reading " + what);
        }
    }

    public int u8(String what) throws DecodeException {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    public int u16(String what) throws DecodeException {
        need(2, what);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public long u32(String what) throws DecodeException {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    /** An 8-byte big-endian value that must be non-negative as a signed long. */
    public long u63(String what) throws DecodeException {
        need(8, what);
        if ((buf[pos] & 0x80) != 0) {
            throw new DecodeException(Reason.INVALID_VALUE, what + " exceeds 2^63-1");
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xff);
        }
        return v;
    }

    public byte[] raw(int n, String what) throws DecodeException {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A u8-length-prefixed byte string of at most {@code max} bytes. */
    public byte[] bytes8(int max, String what) throws DecodeException {
        return bounded(u8(what + " length"), max, what);
    }

    /** A u16-length-prefixed byte string of at most {@code max} bytes. */
    public byte[] bytes16(int max, String what) throws DecodeException {
        return bounded(u16(what + " length"), max, what);
    }

    /** A u32-length-prefixed byte string of at most {@code max} bytes. */
    public byte[] bytes32(int max, String what) throws DecodeException {
        long len = u32(what + " length");
        if (len > max) {
            throw new DecodeException(Reason.OVERSIZE, what + " is " + len + " bytes, the limit is " + max);
        }
        return raw((int) len, what);
    }

    private byte[] bounded(int len, int max, String what) throws DecodeException {
        if (len > max) {
            throw new DecodeException(Reason.OVERSIZE, what + " is " + len + " bytes, the limit is " + max);
        }
        return raw(len, what);
    }

    /** Fails unless every byte was consumed. */
    public void finish(String what) throws DecodeException {
        if (pos != end) {
            throw new DecodeException(Reason.TRAILING_BYTES, (end - pos) + " trailing bytes after " + what);
        }
    }
}
