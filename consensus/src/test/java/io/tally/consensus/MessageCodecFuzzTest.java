package io.tally.consensus;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tally.ledger.codec.DecodeException;

/**
 * Jazzer target for the network-facing decoder (regression mode in the normal build; run with
 * {@code JAZZER_FUZZ=1} to fuzz). Anything but a DecodeException is a finding.
 */
class MessageCodecFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decodeNeverThrowsAnythingElse(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            SignedMessage m = MessageCodec.decode(bytes, 1 << 20, 1_000);
            if (!java.util.Arrays.equals(bytes, m.encode())) {
                throw new IllegalStateException("decoded message re-encodes differently");
            }
        } catch (DecodeException expected) {
            // declared failure
        }
    }
}
