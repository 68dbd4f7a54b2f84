package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.WriteBatch;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a tree update at {@code version}: the new root and the nodes it created, all under
 * that version (the root is among them unless the tree is empty, so the tree as of a version is
 * always found at {@code (version, root)}). {@link #writeTo} puts them all into a batch; the chain
 * instead keeps them as {@link UnflushedNodes} and writes those still in use at its next tree flush.
 *
 * <p>{@code rootNode} is the new tree's upper levels, linked in memory (null for the empty tree):
 * every new node within them is reachable from it by links, as long as it stays in the tree.
 * {@code unlinkedNodes} are the new nodes below those levels (one may later move up into them,
 * still without a link, when its sibling is deleted).
 * {@code replacedNodes} are the hashes of the old tree's unlinked nodes that this update rewrote (a
 * node whose hash is also among {@code newNodes} was only copied to the new version): every unlinked
 * node of the old tree that the new one no longer contains is among them.
 */
public record UpdateResult(Hash root, long version, Map<Hash, byte[]> newNodes, Map<Hash, byte[]> unlinkedNodes,
        List<Hash> replacedNodes, TreeNode rootNode) {
    public UpdateResult {
        newNodes = Collections.unmodifiableMap(newNodes);
        unlinkedNodes = Collections.unmodifiableMap(unlinkedNodes);
        replacedNodes = Collections.unmodifiableList(replacedNodes);
    }

    public void writeTo(WriteBatch batch) {
        for (Map.Entry<Hash, byte[]> e : newNodes.entrySet()) {
            batch.put(Column.SMT_NODE, SmtNodes.key(version, e.getKey()), e.getValue());
        }
    }
}
