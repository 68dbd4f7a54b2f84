package io.tally.node.ledger;

import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.exec.Receipt;
import java.util.List;

/** Told about every block after it is durably committed (mempool eviction, RPC notifications, metrics). */
@FunctionalInterface
public interface CommitListener {
    void onCommitted(Block block, CommitCertificate certificate, List<Receipt> receipts);
}
