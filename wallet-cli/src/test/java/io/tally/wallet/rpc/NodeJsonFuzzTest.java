package io.tally.wallet.rpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tally.wallet.WalletException;
import java.io.IOException;

/**
 * Jazzer target for the parsers of node responses (a node may be hostile): any JSON ends in a
 * parsed view or a {@link WalletException} with a one-line message.
 */
class NodeJsonFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "45s")
    void nodeResponse(byte[] input) {
        JsonNode n;
        try {
            n = JSON.readTree(input);
        } catch (IOException | RuntimeException notJson) {
            return; // the client rejects non-JSON before these parsers run
        }
        if (n == null) {
            return;
        }
        for (int i = 0; i < 6; i++) {
            try {
                switch (i) {
                    case 0 -> NodeJson.account(n);
                    case 1 -> NodeJson.record(n);
                    case 2 -> NodeJson.transaction(n);
                    case 3 -> NodeJson.block(n, true);
                    case 4 -> NodeJson.block(n, false);
                    default -> NodeJson.certificate(n);
                }
            } catch (WalletException expected) {
                if (expected.getMessage().contains("\n")) {
                    throw new AssertionError("multi-line error: " + expected.getMessage());
                }
            }
        }
    }
}
