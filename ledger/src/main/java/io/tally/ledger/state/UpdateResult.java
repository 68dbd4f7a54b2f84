package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.WriteBatch;
import java.util.Collections;
import java.util.Map;

/**
 * The outcome of a tree update: the new root and the nodes to persist (content addressed, so
 * writing a node that already exists is harmless). Put them into the block's batch with
 * {@link #writeTo} so the state change commits atomically with the block.
 */
public record UpdateResult(Hash root, Map<Hash, byte[]> newNodes) {
    public UpdateResult {
        newNodes = Collections.unmodifiableMap(newNodes);
    }

    public void writeTo(WriteBatch batch) {
        for (Map.Entry<Hash, byte[]> e : newNodes.entrySet()) {
            batch.put(Column.SMT_NODE, e.getKey().bytes(), e.getValue());
        }
    }
}
