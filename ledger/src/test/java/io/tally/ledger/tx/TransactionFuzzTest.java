package io.tally.ledger.tx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.codec.DecodeException;

/** Jazzer targets for the decoders that face the network; regression mode in the normal test run. */
class TransactionFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void transactionDecoder(byte[] input) {
        try {
            Transaction tx = TransactionCodec.decode(input);
            tx.verifySignature();
        } catch (DecodeException expected) {
            // declared error
        }
    }

    @FuzzTest(maxDuration = "30s")
    void blockDecoder(byte[] input) {
        try {
            Block b = Block.decode(input, 1000);
            b.checkTxRoot();
        } catch (DecodeException expected) {
            // declared error
        }
    }

    @FuzzTest(maxDuration = "30s")
    void certificateDecoder(byte[] input) {
        try {
            CommitCertificate.decode(input);
        } catch (DecodeException expected) {
            // declared error
        }
    }
}
