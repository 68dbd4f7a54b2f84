package io.tally.ledger.block;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Sha256;
import io.tally.crypto.Signer;
import io.tally.ledger.codec.DecodeException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CommitCertificateTest {
    private static final String CHAIN = "test-chain";
    private static final Hash BLOCK = Sha256.hash(new byte[] {1});

    private static List<KeyPair> keys(int n) {
        List<KeyPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] seed = new byte[32];
            seed[0] = (byte) (i + 1);
            out.add(KeyPair.fromSeed(seed));
        }
        return out;
    }

    private static ValidatorSet set(List<KeyPair> keys) {
        List<PublicKey> pks = new ArrayList<>();
        keys.forEach(k -> pks.add(k.publicKey()));
        return new ValidatorSet(pks);
    }

    private static CommitCertificate certificate(List<KeyPair> keys, int signers, long height, long view) {
        CommitStatement st = new CommitStatement(CHAIN, height, view, BLOCK);
        List<CommitSignature> sigs = new ArrayList<>();
        for (int i = 0; i < signers; i++) {
            sigs.add(new CommitSignature(i, st.sign(Signer.of(keys.get(i)))));
        }
        return new CommitCertificate(height, view, BLOCK, sigs);
    }

    @Test
    void quorumMathsMatchesPbft() {
        int[][] expected = {{1, 0, 1}, {2, 0, 2}, {3, 0, 2}, {4, 1, 3}, {5, 1, 4}, {6, 1, 4}, {7, 2, 5}, {10, 3, 7}};
        for (int[] e : expected) {
            ValidatorSet vs = set(keys(e[0]));
            assertEquals(e[1], vs.maxFaulty(), "f for n=" + e[0]);
            assertEquals(e[2], vs.quorum(), "quorum for n=" + e[0]);
        }
    }

    @Property(tries = 60)
    void anyTwoQuorumsShareAnHonestValidator(@ForAll @IntRange(min = 1, max = 40) int n) {
        ValidatorSet vs = set(keys(n));
        // brute-force oracle: the worst-case overlap of two quorums is 2q - n, and it must exceed f
        assertTrue(2 * vs.quorum() - n >= vs.maxFaulty() + 1);
        // and the quorum is reachable with f validators silent
        assertTrue(vs.quorum() <= n - vs.maxFaulty());
    }

    @Test
    void aQuorumCertificateVerifiesAndRoundTrips() throws Exception {
        List<KeyPair> k = keys(4);
        CommitCertificate cert = certificate(k, 3, 5, 2);
        assertDoesNotThrow(() -> cert.verifyFor(CHAIN, set(k), 5, BLOCK));
        CommitCertificate back = CommitCertificate.decode(cert.encode());
        assertEquals(cert, back);
        back.verify(CHAIN, set(k));
    }

    @Test
    void tooFewSignaturesWrongChainWrongBlockOrForgedSignatureAreRejected() {
        List<KeyPair> k = keys(4);
        ValidatorSet vs = set(k);
        assertThrows(InvalidCertificateException.class, () -> certificate(k, 2, 5, 0).verify(CHAIN, vs));
        CommitCertificate good = certificate(k, 3, 5, 0);
        assertThrows(InvalidCertificateException.class, () -> good.verify("other-chain", vs));
        assertThrows(InvalidCertificateException.class, () -> good.verifyFor(CHAIN, vs, 6, BLOCK));
        CommitCertificate forged = new CommitCertificate(5, 1, BLOCK, good.signatures()); // view changed
        assertThrows(InvalidCertificateException.class, () -> forged.verify(CHAIN, vs));
        CommitCertificate outsider = new CommitCertificate(5, 0, BLOCK, List.of(
            good.signatures().get(0), good.signatures().get(1), new CommitSignature(7, good.signatures().get(2).signature())));
        assertThrows(InvalidCertificateException.class, () -> outsider.verify(CHAIN, vs));
    }

    @Test
    void duplicateSignersAreImpossibleToBuildOrDecode() {
        List<KeyPair> k = keys(4);
        CommitCertificate good = certificate(k, 3, 5, 0);
        assertThrows(IllegalArgumentException.class, () -> new CommitCertificate(5, 0, BLOCK,
            List.of(good.signatures().get(0), good.signatures().get(0), good.signatures().get(1))));
        byte[] enc = good.encode();
        // make the second index equal to the first: non-canonical
        int second = 8 + 8 + 32 + 2 + 66;
        enc[second] = 0;
        enc[second + 1] = 0;
        assertThrows(DecodeException.class, () -> CommitCertificate.decode(enc));
    }
}
