package io.tally.crypto;

import java.util.Arrays;

/** A 32-byte Ed25519 public key (RFC 8032 encoding). Validity of the point is checked on verify. */
public final class PublicKey implements Comparable<PublicKey> {
    public static final int LENGTH = 32;

    private final byte[] bytes;
    /** Derived lazily and cached: execution asks for a sender's address once per transaction. */
    private volatile Address address;

    private PublicKey(byte[] owned) {
        this.bytes = owned;
    }

    public static PublicKey of(byte[] bytes) {
        return new PublicKey(Bytes.requireLength(bytes, LENGTH, "public key"));
    }

    public static PublicKey fromHex(String hex) {
        return new PublicKey(Bytes.fromHex(hex, LENGTH, "public key"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, LENGTH);
    }

    byte[] raw() {
        return bytes;
    }

    public String toHex() {
        return Bytes.toHex(bytes);
    }

    public Address address() {
        Address a = address;
        if (a == null) {
            a = Address.of(this);
            address = a;
        }
        return a;
    }

    @Override
    public int compareTo(PublicKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey k && Arrays.equals(bytes, k.bytes);
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
