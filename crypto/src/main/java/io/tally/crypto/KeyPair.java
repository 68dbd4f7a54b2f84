package io.tally.crypto;

import java.util.Arrays;

/**
 * An Ed25519 key pair: the 32-byte RFC 8032 seed and its public key. {@link #toString()} never
 * prints the seed.
 */
public final class KeyPair {
    private final byte[] seed;
    private final PublicKey publicKey;

    private KeyPair(byte[] seed) {
        this.seed = seed;
        this.publicKey = PublicKey.of(Ed25519.publicKeyFromSeed(seed));
    }

    public static KeyPair fromSeed(byte[] seed) {
        return new KeyPair(Bytes.requireLength(seed, Ed25519.SEED_LENGTH, "private key seed"));
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public Address address() {
        return publicKey.address();
    }

    /** The secret seed. Callers that persist it must write it owner-only. */
    public byte[] seed() {
        return seed.clone();
    }

    /** Raw RFC 8032 signature over {@code message} with no domain prefix: for test vectors and libp2p. */
    public Signature signRaw(byte[] message) {
        return Ed25519.sign(seed, publicKey.raw(), message, 0, message.length);
    }

    /** Signs {@code message} under a domain and chain id (see {@link SignDomain}). */
    public Signature sign(SignDomain domain, String chainId, byte[] message) {
        byte[] framed = domain.frame(chainId, message);
        return Ed25519.sign(seed, publicKey.raw(), framed, 0, framed.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPair k && Arrays.equals(seed, k.seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "KeyPair{" + publicKey.toHex() + "}";
    }
}
