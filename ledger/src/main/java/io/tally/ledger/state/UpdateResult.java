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
 *
 * <p>{@code rootNode} is the new tree's upper levels, linked in memory (null for the empty tree);
 * {@code unlinkedNodes} are the new nodes below those levels, which a cache should hold instead.
 */
public record UpdateResult(Hash root, long version, Map<Hash, byte[]> newNodes, Map<Hash, byte[]> unlinkedNodes,
        TreeNode rootNode) {
    public UpdateResult {
        newNodes = Collections.unmodifiableMap(newNodes);
        unlinkedNodes = Collections.unmodifiableMap(unlinkedNodes);
    }

    public void writeTo(WriteBatch batch) {
        for (Map.Entry<Hash, byte[]> e : newNodes.entrySet()) {
            batch.put(Column.SMT_NODE, SmtNodes.key(version, e.getKey()), e.getValue());
        }
    }
}
