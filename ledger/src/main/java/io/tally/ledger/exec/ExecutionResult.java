package io.tally.ledger.exec;

import io.tally.crypto.Hash;
import io.tally.ledger.state.StateWrite;
import io.tally.ledger.state.UpdateResult;
import java.util.List;
import java.util.Objects;

/**
 * Everything a block's execution produced, ready to be committed in one batch: receipts in
 * transaction order, the net state writes in key order, and the state tree update (new root and
 * new nodes). {@code preStateRoot} names the state it was computed on, so a result can never be
 * committed on top of a different state.
 */
public record ExecutionResult(Hash preStateRoot, Hash txRoot, List<Receipt> receipts, List<StateWrite> stateWrites,
        UpdateResult stateUpdate) {
    public ExecutionResult {
        Objects.requireNonNull(preStateRoot, "preStateRoot");
        Objects.requireNonNull(txRoot, "txRoot");
        receipts = List.copyOf(receipts);
        stateWrites = List.copyOf(stateWrites);
        Objects.requireNonNull(stateUpdate, "stateUpdate");
    }

    /** The state root after the block. */
    public Hash stateRoot() {
        return stateUpdate.root();
    }
}
