package io.tally.rpc.port;

import io.tally.crypto.Hash;
import io.tally.ledger.tx.Transaction;
import io.tally.rpc.json.Receipt;
import java.util.Objects;

/** A transaction found in a committed block, with its position and execution receipt. */
public record CommittedTx(Transaction tx, long height, Hash blockHash, int index, Receipt receipt) {
    public CommittedTx {
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(receipt, "receipt");
    }
}
