package io.tally.wallet.cli;

import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import io.tally.wallet.keystore.StoredKey;
import io.tally.wallet.rpc.NodeApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "transfer", mixinStandardHelpOptions = true, description = "Sign and send a transfer.")
public final class TransferCommand extends WalletCommand {
    @Option(names = "--from", paramLabel = "KEY", description = "Sending key (name or address; default: the only key).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Recipient (tly1...) or key name.")
    String to;

    @Option(names = "--amount", required = true, paramLabel = "N", description = "Amount in base units.")
    String amount;

    @Option(names = "--nonce", paramLabel = "N", description = "Nonce (default: the node's pending nonce of the sender).")
    Long nonce;

    @Option(names = "--wait", description = "Wait until committed, then verify its inclusion.")
    boolean await;

    @Override
    public Integer call() {
        long value = positive(amount, "--amount");
        Address recipient = address(to);
        StoredKey sender = key(from);
        NodeApi node = opts().node(env());
        if (await) {
            opts().verifier(env()); // refuse before signing if verification is neither configured nor waived
        }
        String chain = chainId(node);
        long n = nonce != null ? nonce : node.account(sender.address()).pendingNonce();
        KeyPair keys = unlock(sender);
        Transaction tx = Transaction.sign(keys, chain, n, new TransferPayload(recipient, value));
        return submit(tx, await);
    }
}
