package io.tally.crypto;

import java.util.Arrays;

/** A 64-byte Ed25519 signature. */
public final class Signature {
    public static final int LENGTH = 64;

    private final byte[] bytes;

    private Signature(byte[] owned) {
        this.bytes = owned;
    }

    public static Signature of(byte[] bytes) {
        return new Signature(Bytes.requireLength(bytes, LENGTH, "signature"));
    }

    public static Signature fromHex(String hex) {
        return new Signature(Bytes.fromHex(hex, LENGTH, "signature"));
    }

    static Signature wrap(byte[] owned) {
        return new Signature(owned);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, LENGTH);
    }

    byte[] raw() {
        return bytes;
    }

    public String toHex() {
        return Bytes.toHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
