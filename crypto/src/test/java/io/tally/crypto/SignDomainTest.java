package io.tally.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignDomainTest {
    private final KeyPair keys = KeyPair.fromSeed(new byte[32]);
    private final byte[] message = "transfer 10".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureVerifiesInItsOwnDomainAndChain() {
        Signature sig = keys.sign(SignDomain.TRANSACTION, "main", message);
        assertTrue(SignDomain.TRANSACTION.verify("main", keys.publicKey(), message, sig));
    }

    @Test
    void signatureForOneDomainIsRejectedInAnother() {
        Signature sig = keys.sign(SignDomain.TRANSACTION, "main", message);
        for (SignDomain other : SignDomain.values()) {
            if (other != SignDomain.TRANSACTION) {
                assertFalse(other.verify("main", keys.publicKey(), message, sig), other.name());
            }
        }
    }

    @Test
    void signatureForOneChainIsRejectedOnAnother() {
        Signature sig = keys.sign(SignDomain.COMMIT, "main", message);
        assertFalse(SignDomain.COMMIT.verify("test", keys.publicKey(), message, sig));
        assertFalse(SignDomain.COMMIT.verify("mai", keys.publicKey(), message, sig));
    }

    @Test
    void frameIsTheDocumentedLayout() {
        byte[] framed = SignDomain.TRANSACTION.frame("ab", new byte[] {7});
        byte[] expected = Bytes.concat("tally/v1/tx".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 2, 'a', 'b', 7});
        assertEquals(Bytes.toHex(expected), Bytes.toHex(framed));
    }

    @Test
    void badChainIdsAreRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> SignDomain.checkChainId(""));
        assertThrows(IllegalArgumentException.class, () -> SignDomain.checkChainId("a b"));
        assertThrows(IllegalArgumentException.class, () -> SignDomain.checkChainId("x".repeat(65)));
        assertEquals(64, SignDomain.checkChainId("x".repeat(64)).length);
    }

    @Test
    void malformedSignatureOrKeyIsAFailedVerificationNotAnException() {
        byte[] junk = new byte[64];
        java.util.Arrays.fill(junk, (byte) 0xff);
        assertFalse(SignDomain.TRANSACTION.verify("main", keys.publicKey(), message, Signature.of(junk)));
        byte[] badKey = new byte[32];
        java.util.Arrays.fill(badKey, (byte) 0xff);
        Signature sig = keys.sign(SignDomain.TRANSACTION, "main", message);
        assertFalse(SignDomain.TRANSACTION.verify("main", PublicKey.of(badKey), message, sig));
    }
}
