package io.tally.p2p.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Noise SymmetricState with SHA-256 (HASHLEN 32) and the HMAC-based HKDF of the Noise spec. */
final class SymmetricState {
    private final CipherState cipher = new CipherState();
    private byte[] ck;
    private byte[] h;

    SymmetricState(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        // A name of at most 32 bytes is zero-padded, not hashed ("Noise_XX_25519_ChaChaPoly_SHA256" is exactly 32).
        h = name.length <= 32 ? java.util.Arrays.copyOf(name, 32) : sha256(name);
        ck = h.clone();
    }

    void mixHash(byte[] data) {
        MessageDigest d = digest();
        d.update(h);
        d.update(data);
        h = d.digest();
    }

    void mixKey(byte[] ikm) {
        byte[][] out = hkdf(ck, ikm);
        ck = out[0];
        cipher.initializeKey(out[1]);
    }

    byte[] encryptAndHash(byte[] plaintext) {
        byte[] c = cipher.encryptWithAd(h, plaintext);
        mixHash(c);
        return c;
    }

    byte[] decryptAndHash(byte[] ciphertext) {
        byte[] p = cipher.decryptWithAd(h, ciphertext);
        mixHash(ciphertext);
        return p;
    }

    CipherState[] split() {
        byte[][] out = hkdf(ck, new byte[0]);
        CipherState c1 = new CipherState();
        CipherState c2 = new CipherState();
        c1.initializeKey(out[0]);
        c2.initializeKey(out[1]);
        return new CipherState[] {c1, c2};
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    boolean hasKey() {
        return cipher.hasKey();
    }

    private static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
        byte[] temp = hmac(chainingKey, ikm);
        byte[] o1 = hmac(temp, new byte[] {1});
        byte[] in2 = new byte[33];
        System.arraycopy(o1, 0, in2, 0, 32);
        in2[32] = 2;
        byte[] o2 = hmac(temp, in2);
        return new byte[][] {o1, o2};
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }
}
