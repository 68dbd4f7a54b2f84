package io.tally.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An account address: the first 20 bytes of {@code SHA-256("tally/address/v1" || publicKey)}.
 * Its text form is Bech32 with the human-readable part {@value #HRP}, e.g. {@code tly1...}, whose
 * checksum rejects typos.
 */
public final class Address implements Comparable<Address> {
    public static final int LENGTH = 20;
    public static final String HRP = "tly";
    private static final byte[] DOMAIN = "tally/address/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    // Addresses key the mempool's and the executor's maps: hash once, not on every lookup.
    private final int hashCode;

    private Address(byte[] owned) {
        this.bytes = owned;
        this.hashCode = Arrays.hashCode(owned);
    }

    public static Address of(PublicKey key) {
        byte[] h = Sha256.hash(DOMAIN, key.raw()).bytes();
        return new Address(Arrays.copyOf(h, LENGTH));
    }

    public static Address fromBytes(byte[] bytes) {
        return new Address(Bytes.requireLength(bytes, LENGTH, "address"));
    }

    /**
     * Parses the Bech32 text form.
     *
     * @throws IllegalArgumentException with a one-line reason (bad checksum, wrong prefix, length)
     */
    public static Address parse(String text) {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid address: " + e.getMessage());
        }
        if (!d.hrp().equals(HRP)) {
            throw new IllegalArgumentException("invalid address: prefix must be '" + HRP + "', got '" + d.hrp() + "'");
        }
        if (d.data().length != LENGTH) {
            throw new IllegalArgumentException("invalid address: must encode " + LENGTH + " bytes");
        }
        return new Address(d.data());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] dst, int off) {
        System.arraycopy(bytes, 0, dst, off, LENGTH);
    }

    public String toHex() {
        return Bytes.toHex(bytes);
    }

    @Override
    public int compareTo(Address o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    /** The Bech32 text form. */
    @Override
    public String toString() {
        return Bech32.encode(HRP, bytes);
    }
}
