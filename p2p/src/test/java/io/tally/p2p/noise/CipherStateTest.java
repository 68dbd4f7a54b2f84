package io.tally.p2p.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.p2p.wire.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class CipherStateTest {
    private static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
    }

    private static CipherState keyed() {
        CipherState c = new CipherState();
        c.initializeKey(KEY);
        return c;
    }

    @Test
    void ciphertextsMatchAnIndependentChaCha20Poly1305WithTheNoiseNonceLayout() throws Exception {
        CipherState c = keyed();
        byte[] ad = "ad".getBytes(StandardCharsets.US_ASCII);
        byte[] msg = "hello noise".getBytes(StandardCharsets.US_ASCII);
        c.encryptWithAd(ad, msg); // nonce 0
        byte[] second = c.encryptWithAd(ad, msg); // nonce 1

        byte[] iv = new byte[12];
        iv[4] = 1; // 4 zero bytes, then the little-endian counter
        ChaCha20Poly1305 reference = new ChaCha20Poly1305();
        reference.init(true, new AEADParameters(new KeyParameter(KEY), 128, iv, ad));
        byte[] expected = new byte[msg.length + CipherState.TAG_BYTES];
        int n = reference.processBytes(msg, 0, msg.length, expected, 0);
        reference.doFinal(expected, n);
        assertArrayEquals(expected, second);
    }

    @Test
    void aTamperedFrameIsRefusedWithoutConsumingTheNonce() {
        CipherState sender = keyed();
        CipherState receiver = keyed();
        byte[] first = sender.encryptWithAd(null, new byte[] {1, 2, 3});
        byte[] tampered = Arrays.copyOf(first, first.length);
        tampered[0] ^= 1;
        assertThrows(DecodeException.class, () -> receiver.decryptWithAd(null, tampered));
        assertArrayEquals(new byte[] {1, 2, 3}, receiver.decryptWithAd(null, first));
        byte[] next = sender.encryptWithAd(null, new byte[] {4});
        assertArrayEquals(new byte[] {4}, receiver.decryptWithAd(null, next));
    }

    @Test
    void aFrameShorterThanItsTagIsRefused() {
        assertThrows(DecodeException.class, () -> keyed().decryptWithAd(null, new byte[CipherState.TAG_BYTES - 1]));
    }
}
