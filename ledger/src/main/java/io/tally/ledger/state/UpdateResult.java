package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.WriteBatch;
import java.util.Collections;
import java.util.Map;

/**
 * The outcome of a tree update at {@code version}: the new root and the nodes to persist, all under
 * that version (the root is among them unless the tree is empty, so the tree as of a version is
 * always found at {@code (version, root)}). Put them into the block's batch with {@link #writeTo}
 * so the state change commits atomically with the block.
 */
public record UpdateResult(Hash root, long version, Map<Hash, byte[]> newNodes) {
    public UpdateResult {
        newNodes = Collections.unmodifiableMap(newNodes);
    }

    public void writeTo(WriteBatch batch) {
        for (Map.Entry<Hash, byte[]> e : newNodes.entrySet()) {
            batch.put(Column.SMT_NODE, SmtNodes.key(version, e.getKey()), e.getValue());
        }
    }
}
