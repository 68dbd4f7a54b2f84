package io.tally.wallet.cli;

import io.tally.crypto.Bytes;
import io.tally.crypto.SignDomain;
import io.tally.ledger.tx.Payload;
import io.tally.ledger.tx.RecordPayload;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import io.tally.wallet.WalletException;
import io.tally.wallet.keystore.StoredKey;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Offline signing: no node is contacted; the chain id and nonce come from the command line or the trusted file. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a transaction offline and print its raw hex (submit it later with send-raw).")
public final class SignCommand extends WalletCommand {
    @Option(names = "--from", paramLabel = "KEY", description = "Signing key (default: the only key).")
    String from;

    @Option(names = "--chain-id", paramLabel = "ID", description = "Chain id (default: from --genesis).")
    String chainId;

    @Option(names = "--nonce", required = true, paramLabel = "N", description = "The sender's next nonce.")
    long nonce;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @ArgGroup(exclusive = false)
        Transfer transfer;

        @ArgGroup(exclusive = false)
        Record record;
    }

    static final class Transfer {
        @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Transfer recipient.")
        String to;

        @Option(names = "--amount", required = true, paramLabel = "N", description = "Transfer amount.")
        String amount;
    }

    static final class Record {
        @Option(names = "--record-key", required = true, paramLabel = "TEXT", description = "Record key (UTF-8).")
        String key;

        @Option(names = "--record-value", required = true, paramLabel = "TEXT", description = "Record value (UTF-8).")
        String value;
    }

    @Override
    public Integer call() {
        String chain = chainId != null ? chainId
            : opts().anchor(env()).map(a -> a.chainId()).orElseThrow(() ->
                new WalletException("sign needs --chain-id ID (or --genesis FILE)"));
        try {
            SignDomain.checkChainId(chain);
        } catch (IllegalArgumentException e) {
            throw new WalletException("--chain-id: " + e.getMessage());
        }
        if (nonce < 0) {
            throw new WalletException("--nonce must not be negative");
        }
        Payload payload;
        if (what.transfer != null) {
            payload = new TransferPayload(address(what.transfer.to), positive(what.transfer.amount, "--amount"));
        } else {
            byte[] k = what.record.key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] v = what.record.value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (k.length == 0 || k.length > RecordPayload.MAX_KEY_LENGTH || v.length > RecordPayload.MAX_VALUE_LENGTH) {
                throw new WalletException("record key must be 1..64 bytes and value at most 4096 bytes");
            }
            payload = new RecordPayload(k, v);
        }
        StoredKey k = key(from);
        Transaction tx = Transaction.sign(unlock(k), chain, nonce, payload);
        if (opts().json()) {
            printJson(object().put("hash", tx.hash().toHex()).put("raw", Bytes.toHex(tx.encoded())));
        } else {
            out().println(Bytes.toHex(tx.encoded()));
        }
        return 0;
    }
}
