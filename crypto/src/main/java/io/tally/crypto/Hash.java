package io.tally.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A 32-byte SHA-256 digest. Immutable.
 *
 * <p>Held as four big-endian longs rather than a byte array: hashes are the keys of the state-tree
 * node cache, the mempool and the signature cache, and comparing two of them then reads two
 * objects instead of two objects plus two arrays (one cache miss each), and a hash is one
 * allocation instead of two.
 */
public final class Hash implements Comparable<Hash> {
    public static final int LENGTH = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    public static final Hash ZERO = new Hash(new byte[LENGTH]);

    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private Hash(byte[] b) {
        this(b, 0);
    }

    private Hash(byte[] b, int off) {
        this.w0 = (long) LONGS.get(b, off);
        this.w1 = (long) LONGS.get(b, off + 8);
        this.w2 = (long) LONGS.get(b, off + 16);
        this.w3 = (long) LONGS.get(b, off + 24);
    }

    /**
     * The 32 bytes of {@code src} at {@code off}, without copying them first.
     *
     * @throws IndexOutOfBoundsException if fewer than 32 bytes follow {@code off}
     */
    public static Hash read(byte[] src, int off) {
        Objects.checkFromIndexSize(off, LENGTH, src.length);
        return new Hash(src, off);
    }

    /** The hash with these 32 bytes; the array is read, not kept. */
    public static Hash of(byte[] bytes) {
        return new Hash(Bytes.requireLength(bytes, LENGTH, "hash"));
    }

    public static Hash fromHex(String hex) {
        return new Hash(Bytes.fromHex(hex, LENGTH, "hash"));
    }

    public byte[] bytes() {
        byte[] b = new byte[LENGTH];
        copyTo(b, 0);
        return b;
    }

    /** Writes the digest into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        LONGS.set(dst, off, w0);
        LONGS.set(dst, off + 8, w1);
        LONGS.set(dst, off + 16, w2);
        LONGS.set(dst, off + 24, w3);
    }

    private long word(int k) {
        return switch (k) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
    }

    public byte byteAt(int i) {
        if (i < 0 || i >= LENGTH) {
            throw new IndexOutOfBoundsException(i);
        }
        return (byte) (word(i >>> 3) >>> (56 - 8 * (i & 7)));
    }

    /** Bit {@code i} counting from the most significant bit of byte 0. */
    public boolean bit(int i) {
        if (i < 0 || i >= 8 * LENGTH) {
            throw new IndexOutOfBoundsException(i);
        }
        return ((word(i >>> 6) >>> (63 - (i & 63))) & 1) == 1;
    }

    public String toHex() {
        return Bytes.toHex(bytes());
    }

    /** Unsigned lexicographic order of the 32 bytes. */
    @Override
    public int compareTo(Hash o) {
        int c = Long.compareUnsigned(w0, o.w0);
        if (c == 0) {
            c = Long.compareUnsigned(w1, o.w1);
            if (c == 0) {
                c = Long.compareUnsigned(w2, o.w2);
                if (c == 0) {
                    c = Long.compareUnsigned(w3, o.w3);
                }
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && w0 == h.w0 && w1 == h.w1 && w2 == h.w2 && w3 == h.w3;
    }

    /** Digests are uniformly distributed, so any 32 of their bits make a good hash code. */
    @Override
    public int hashCode() {
        return (int) (w0 >>> 32) ^ (int) w3;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
