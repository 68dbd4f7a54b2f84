package io.tally.ledger.state;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import io.tally.ledger.codec.DecodeException;
import java.util.Arrays;

/**
 * Jazzer target for the proof decoder, which wallets run on bytes received over RPC: anything
 * but the declared {@link DecodeException} is a bug, a decodable proof re-encodes to the same
 * bytes, and verification never throws. Regression mode in the normal test run.
 */
class StateProofFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void proofDecoderAndVerifier(byte[] input) {
        try {
            StateProof p = StateProof.decode(input);
            if (!Arrays.equals(input, p.encode())) {
                throw new IllegalStateException("a decodable proof has another encoding");
            }
        } catch (DecodeException expected) {
            // declared error
        }
        Hash root = Sha256.hash(input);
        StateProof.verify(root, input, null, input);
        StateProof.verify(Hash.ZERO, new byte[] {1}, input, input);
    }
}
