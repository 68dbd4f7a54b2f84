package io.tally.genesis;

import io.tally.crypto.PublicKey;
import java.util.regex.Pattern;

/** Parses public keys written as hex in genesis and config files. */
final class Keys {
    private static final Pattern HEX64 = Pattern.compile("[0-9A-Fa-f]{64}");

    private Keys() {}

    /**
     * Exactly 64 hex digits (no {@code 0x}) that encode a point of Ed25519's prime-order subgroup.
     * A key that is not such a point could never produce a valid signature, so a validator holding
     * it would be a silent fault from height 1; better to refuse the file.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static PublicKey parsePublicKey(String hex) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("not 32 bytes of hex (64 hex digits)");
        }
        PublicKey key = PublicKey.fromHex(hex);
        if (!org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFull(key.bytes(), 0)) {
            throw new IllegalArgumentException("not a valid Ed25519 public key");
        }
        return key;
    }
}
