package io.tally.crypto;

import java.util.Arrays;

/** A 32-byte SHA-256 digest. Immutable: the array is copied in and out. */
public final class Hash implements Comparable<Hash> {
    public static final int LENGTH = 32;
    public static final Hash ZERO = new Hash(new byte[LENGTH]);

    private final byte[] bytes;
    private final int hashCode;

    private Hash(byte[] owned) {
        this.bytes = owned;
        this.hashCode = Arrays.hashCode(owned);
    }

    public static Hash of(byte[] bytes) {
        return new Hash(Bytes.requireLength(bytes, LENGTH, "hash"));
    }

    /** Wraps an array the caller promises never to modify again (hot paths: digests just computed). */
    static Hash wrap(byte[] owned) {
        if (owned.length != LENGTH) {
            throw new IllegalStateException("digest length " + owned.length);
        }
        return new Hash(owned);
    }

    public static Hash fromHex(String hex) {
        return new Hash(Bytes.fromHex(hex, LENGTH, "hash"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the digest into {@code dst} at {@code off} without an intermediate copy. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, LENGTH);
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    /** Bit {@code i} counting from the most significant bit of byte 0. */
    public boolean bit(int i) {
        return ((bytes[i >>> 3] >>> (7 - (i & 7))) & 1) == 1;
    }

    public String toHex() {
        return Bytes.toHex(bytes);
    }

    @Override
    public int compareTo(Hash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
