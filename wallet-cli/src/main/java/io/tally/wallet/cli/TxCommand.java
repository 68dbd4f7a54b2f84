package io.tally.wallet.cli;

import io.tally.crypto.Hash;
import io.tally.wallet.WalletException;
import io.tally.wallet.rpc.NodeApi;
import io.tally.wallet.rpc.NodeViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tx", mixinStandardHelpOptions = true,
    description = "Show a transaction's status; once in a block, its inclusion is verified.")
public final class TxCommand extends WalletCommand {
    @Parameters(paramLabel = "HASH", description = "Transaction hash (hex).")
    String hash;

    @Option(names = "--wait", description = "Wait until the transaction is in a block (see --timeout).")
    boolean await;

    @Override
    public Integer call() {
        Hash h;
        try {
            h = Hash.fromHex(hash);
        } catch (IllegalArgumentException e) {
            throw new WalletException("HASH: " + e.getMessage());
        }
        VerifiedReads reads = reads();
        NodeApi node = opts().node(env());
        NodeViews.TxView tx = await ? TxWaiter.await(this, node, h) : node.transaction(h);
        if (!tx.hash().equals(h)) {
            throw new io.tally.wallet.verify.VerificationException("asked for transaction " + h + ", the node answered for "
                + tx.hash());
        }
        return TxWaiter.report(this, reads, tx);
    }
}
