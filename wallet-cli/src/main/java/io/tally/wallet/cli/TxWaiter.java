package io.tally.wallet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import io.tally.wallet.WalletException;
import io.tally.wallet.rpc.NodeApi;
import io.tally.wallet.rpc.NodeViews;
import io.tally.wallet.verify.Verified;
import java.time.Duration;
import java.time.Instant;

/** Polls a transaction until it is in a block or the deadline passes, then verifies and reports it. */
final class TxWaiter {
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private TxWaiter() {}

    static NodeViews.TxView await(WalletCommand c, NodeApi node, Hash hash) {
        Instant start = c.env().clock().instant();
        Instant deadline = start.plus(c.opts().timeout());
        try (Progress progress = new Progress(c.err(), c.env().stderrIsTerminal())) {
            while (true) {
                NodeViews.TxView tx = node.transaction(hash);
                if (tx.inBlock()) {
                    return tx;
                }
                Instant now = c.env().clock().instant();
                if (!now.isBefore(deadline)) {
                    throw new WalletException("timed out after " + c.opts().timeout().toSeconds()
                        + " s waiting for transaction " + hash + " (last status: " + tx.status() + ")");
                }
                progress.update("waiting for " + hash.toHex().substring(0, 12) + "... to commit (" + tx.status() + ", "
                    + Duration.between(start, now).toSeconds() + " s)");
                try {
                    c.env().pacer().pause(POLL_INTERVAL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WalletException("interrupted while waiting for transaction " + hash);
                }
            }
        }
    }

    /** Prints a transaction's status (verified when in a block); returns the exit code. */
    static int report(WalletCommand c, VerifiedReads reads, NodeViews.TxView tx) {
        Verified v = reads.transaction(tx);
        ObjectNode json = c.opts().json() ? c.object() : null;
        if (json != null) {
            json.put("hash", tx.hash().toHex()).put("status", tx.status());
            if (tx.inBlock()) {
                json.put("blockHeight", tx.blockHeight()).put("blockHash", tx.blockHash().toHex());
                if (tx.receipt() != null) {
                    json.put("success", tx.receipt().success()).put("code", tx.receipt().code())
                        .put("message", tx.receipt().message());
                }
                c.reportVerified(json, v);
            }
            c.printJson(json);
        } else {
            java.util.List<Object> kv = new java.util.ArrayList<>(java.util.List.of("hash", tx.hash(), "status",
                tx.status()));
            if (tx.inBlock()) {
                kv.addAll(java.util.List.of("block", tx.blockHeight() + " " + tx.blockHash()));
                if (tx.receipt() != null) {
                    kv.addAll(java.util.List.of("result", tx.receipt().code()
                        + (tx.receipt().success() || tx.receipt().message().isEmpty() ? ""
                            : " (" + tx.receipt().message() + ")")));
                }
            }
            Table.keyValues(c.out(), kv.toArray());
            if (tx.inBlock()) {
                c.reportVerified(null, v);
            }
            c.out().flush();
        }
        if ("failed".equals(tx.status())) {
            c.err().println("error: transaction failed in block " + tx.blockHeight()
                + (tx.receipt() == null ? "" : ": " + tx.receipt().code() + " " + tx.receipt().message()).stripTrailing());
            return 1;
        }
        return 0;
    }
}
