package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.WriteBatch;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * A tree flush being written: the nodes the tree of block {@link #height()} uses that the store
 * lacks, found by walking that tree down to the nodes of the last flushed version, a part at a time
 * in the batches of the next blocks ({@link #writeNext}), so that no block pays for the whole flush
 * (walk and write). The walk reads only what cannot change meanwhile: the tree's linked nodes, its
 * block's new unlinked nodes, and the unlinked nodes {@link UnflushedNodes} froze for it. Nodes are
 * immutable and stored by version and hash, so a part written before a crash is harmless: the flush
 * counts only once its last part is durable together with the new flush height. Not thread-safe
 * (the chain's commit drives it).
 */
public final class TreeFlush {
    private final long height;
    private final long flushedVersion;
    private final Map<Hash, byte[]> updateUnlinked;
    private final Map<Hash, byte[]> frozen;
    private final ArrayDeque<At> todo = new ArrayDeque<>();
    private int written;

    TreeFlush(UpdateResult update, long flushedVersion, Map<Hash, byte[]> frozen) {
        this.height = update.version();
        this.flushedVersion = flushedVersion;
        this.updateUnlinked = update.unlinkedNodes();
        this.frozen = frozen;
        if (update.rootNode() != null) {
            todo.push(new At(update.root(), update.version(), update.rootNode()));
        }
    }

    /** The block whose tree this flush writes. */
    public long height() {
        return height;
    }

    /** About how many nodes the flush writes: the unlinked ones held when it started (linked ones come on top). */
    public int estimatedSize() {
        return frozen.size() + updateUnlinked.size();
    }

    /** Nodes put into batches so far. */
    public int written() {
        return written;
    }

    /** True once every node has been put into a batch. */
    public boolean done() {
        return todo.isEmpty();
    }

    Map<Hash, byte[]> updateUnlinked() {
        return updateUnlinked;
    }

    /**
     * Puts the next {@code max} nodes (at least one, if any remain) into {@code batch}; returns true
     * if none remain.
     *
     * @throws IllegalStateException if a node of the tree is not held (a bug: the tree would be lost)
     */
    public boolean writeNext(WriteBatch batch, int max) {
        for (int n = 0; n < Math.max(1, max) && !todo.isEmpty(); n++) {
            At at = todo.pop();
            byte[] bytes = at.mem != null ? at.mem.encoded : updateUnlinked.get(at.hash);
            if (bytes == null) {
                bytes = frozen.get(at.hash);
            }
            if (bytes == null) {
                throw new IllegalStateException("unflushed state tree node " + at.hash + " at version " + at.version
                        + " is not held");
            }
            batch.put(Column.SMT_NODE, SmtNodes.key(at.version, at.hash), bytes);
            written++;
            if (!SmtNodes.isLeaf(bytes)) {
                push(SmtNodes.left(bytes), SmtNodes.leftVersion(bytes), at.mem == null ? null : at.mem.left);
                push(SmtNodes.right(bytes), SmtNodes.rightVersion(bytes), at.mem == null ? null : at.mem.right);
            }
        }
        return todo.isEmpty();
    }

    private void push(Hash child, long version, TreeNode link) {
        if (version > flushedVersion && !child.equals(Hash.ZERO)) {
            // A link is only ever set to the node the parent's bytes name.
            todo.push(new At(child, version, link));
        }
    }

    private record At(Hash hash, long version, TreeNode mem) {}
}
