package io.tally.p2p.noise;

import io.tally.p2p.wire.DecodeException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Noise CipherState for ChaChaPoly: key plus a 64-bit nonce sent as 4 zero bytes ‖ little-endian
 * counter. A counter that would wrap is refused (the connection must then close). Single-threaded.
 */
public final class CipherState {
    public static final int TAG_BYTES = 16;
    private static final long MAX_NONCE = 0xFFFFFFFFFFFFFFFEL; // 2^64-1 is reserved by the spec

    private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    private KeyParameter key;
    private long nonce;

    void initializeKey(byte[] k) {
        this.key = k == null ? null : new KeyParameter(k.clone());
        this.nonce = 0;
    }

    public boolean hasKey() {
        return key != null;
    }

    public byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
        return encryptWithAd(ad, plaintext, 0, plaintext.length);
    }

    public byte[] encryptWithAd(byte[] ad, byte[] plaintext, int off, int len) {
        if (key == null) {
            byte[] copy = new byte[len];
            System.arraycopy(plaintext, off, copy, 0, len);
            return copy;
        }
        init(true, ad);
        byte[] out = new byte[len + TAG_BYTES];
        int n = aead.processBytes(plaintext, off, len, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) {
        return decryptWithAd(ad, ciphertext, 0, ciphertext.length);
    }

    public byte[] decryptWithAd(byte[] ad, byte[] ciphertext, int off, int len) {
        if (key == null) {
            byte[] copy = new byte[len];
            System.arraycopy(ciphertext, off, copy, 0, len);
            return copy;
        }
        if (len < TAG_BYTES) {
            throw new DecodeException("noise ciphertext shorter than its tag");
        }
        long used = nonce;
        init(false, ad);
        byte[] out = new byte[len - TAG_BYTES];
        int n = aead.processBytes(ciphertext, off, len, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException | IllegalStateException e) {
            nonce = used; // a failed decryption does not consume the nonce (Noise §5.1)
            throw new DecodeException("noise decryption failed", e);
        }
        return out;
    }

    private void init(boolean forEncryption, byte[] ad) {
        if (Long.compareUnsigned(nonce, MAX_NONCE) > 0) {
            throw new DecodeException("noise nonce exhausted");
        }
        byte[] iv = new byte[12];
        long n = nonce++;
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (n >>> (8 * i));
        }
        aead.init(forEncryption, new AEADParameters(key, TAG_BYTES * 8, iv, ad));
    }
}
