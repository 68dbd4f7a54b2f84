package io.tally.wallet.cli;

import io.tally.crypto.Bytes;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import io.tally.wallet.WalletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "send-raw", mixinStandardHelpOptions = true,
    description = "Submit a signed transaction given as hex (from 'sign'); '-' reads it from stdin.")
public final class SendRawCommand extends WalletCommand {
    @Parameters(paramLabel = "HEX", description = "Raw transaction hex, or '-' for stdin.")
    String raw;

    @Option(names = "--wait", description = "Wait until committed, then verify its inclusion.")
    boolean await;

    @Override
    public Integer call() {
        String hex = raw;
        if ("-".equals(raw)) {
            try {
                byte[] in = env().stdin().readNBytes(2 * TransactionCodec.MAX_ENCODED_LENGTH + 16);
                hex = new String(in, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new WalletException("cannot read stdin: " + e.getMessage());
            }
        }
        Transaction tx;
        try {
            tx = TransactionCodec.decode(Bytes.fromHex(hex.trim()));
        } catch (IllegalArgumentException | DecodeException e) {
            throw new WalletException("not a signed transaction: " + e.getMessage());
        }
        if (!tx.verifySignature()) {
            throw new WalletException("the transaction's signature is invalid");
        }
        return submit(tx, await);
    }
}
