package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.WriteBatch;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State-tree nodes of committed blocks that are not in the store yet. The chain does not write each
 * block's new tree nodes (docs/storage.md, "Tree flushes"): it keeps them here and, every so often,
 * writes only those the latest tree still uses ({@link #writeReachable}), so the many nodes that a
 * later block replaces before the flush are never written at all. They are derived data: the block's
 * flat state changes are durable in its own batch, and after a crash the chain rebuilds the tree
 * from the last flushed one.
 *
 * <p>Two generations: nodes added since the last flush, and those of the interval before it, kept
 * until the next flush so that a reader still walking a tree from before the flush finds them.
 * Writers are serialised by the caller (the chain's commit); reads are thread-safe.
 */
public final class UnflushedNodes {
    private volatile Map<Hash, byte[]> current = new ConcurrentHashMap<>();
    private volatile Map<Hash, byte[]> previous = Map.of();

    /** The node with this hash, or null if it is not held here. */
    public byte[] get(Hash hash) {
        byte[] b = current.get(hash);
        return b != null ? b : previous.get(hash);
    }

    /** Holds the new nodes of an update (any copy of a node serves: copies differ only in where their children are). */
    public void addAll(Map<Hash, byte[]> nodes) {
        current.putAll(nodes);
    }

    /** Nodes added since the last flush. */
    public int size() {
        return current.size();
    }

    /**
     * Puts into {@code batch} every node of the tree {@code (version, root)} that was created after
     * {@code flushedVersion}: exactly the nodes that tree needs and the store lacks, given that the
     * tree at {@code flushedVersion} and everything it uses are stored. All of them must be held here.
     *
     * @return the number of nodes put
     * @throws IllegalStateException if such a node is not held (a bug: nodes are dropped only after a flush)
     */
    public int writeReachable(Hash root, long version, long flushedVersion, WriteBatch batch) {
        if (root.equals(Hash.ZERO)) {
            return 0;
        }
        ArrayDeque<At> todo = new ArrayDeque<>();
        todo.push(new At(root, version));
        int written = 0;
        while (!todo.isEmpty()) {
            At at = todo.pop();
            byte[] bytes = current.get(at.hash);
            if (bytes == null) {
                throw new IllegalStateException("unflushed state tree node " + at.hash + " at version " + at.version
                        + " is not held");
            }
            batch.put(Column.SMT_NODE, SmtNodes.key(at.version, at.hash), bytes);
            written++;
            if (!SmtNodes.isLeaf(bytes)) {
                push(todo, SmtNodes.left(bytes), SmtNodes.leftVersion(bytes), flushedVersion);
                push(todo, SmtNodes.right(bytes), SmtNodes.rightVersion(bytes), flushedVersion);
            }
        }
        return written;
    }

    private record At(Hash hash, long version) {}

    private static void push(ArrayDeque<At> todo, Hash child, long version, long flushedVersion) {
        if (version > flushedVersion && !child.equals(Hash.ZERO)) {
            todo.push(new At(child, version));
        }
    }

    /**
     * Starts a new generation, once the batch {@link #writeReachable} filled is durable. The
     * generation before the one just flushed is dropped: the trees since the flush use only stored
     * nodes and newer ones, and readers of the trees just before it still find them for one more interval.
     */
    public void flushed() {
        previous = current;
        current = new ConcurrentHashMap<>();
    }
}
