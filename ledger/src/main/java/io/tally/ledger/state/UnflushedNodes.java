package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State-tree nodes of committed blocks that are not in the store yet. The chain does not write each
 * block's new tree nodes (docs/storage.md, "Tree flushes"): it keeps here exactly the nodes the
 * latest tree uses and the store lacks, and, every so often, writes them ({@link #writeReachable}).
 * A node that a later block replaces before the flush leaves this set and is never written. They
 * are derived data: each block's flat state changes are durable in its own batch, and after a crash
 * the chain rebuilds the tree from the last flushed one.
 *
 * <p>Replaced nodes stay readable for the next {@link #RETIRED_BLOCKS} blocks, for a reader still
 * walking an older tree (a proof or a proposal that raced with a commit). Writers are serialised
 * by the caller (the chain's commit); reads are thread-safe.
 */
public final class UnflushedNodes {
    /** How many blocks a replaced node stays readable. */
    public static final int RETIRED_BLOCKS = 4;

    private final Map<Hash, byte[]> live = new ConcurrentHashMap<>();
    /** Nodes replaced by each of the last blocks, newest first; replaced whole, never mutated. */
    private volatile List<Map<Hash, byte[]>> retired = List.of();

    /** The node with this hash, or null if it is not held here. */
    public byte[] get(Hash hash) {
        byte[] b = live.get(hash);
        if (b == null) {
            for (Map<Hash, byte[]> m : retired) {
                b = m.get(hash);
                if (b != null) {
                    break;
                }
            }
        }
        return b;
    }

    /** Nodes of the latest tree that are not in the store. */
    public int size() {
        return live.size();
    }

    /**
     * Takes a committed update: the nodes it replaced leave the set (readable for a few more
     * blocks), its new nodes join it. (Any copy of a node serves: copies differ only in where their
     * children are.)
     */
    public void advance(UpdateResult committed) {
        Map<Hash, byte[]> gone = new HashMap<>();
        for (Hash h : committed.replacedNodes()) {
            byte[] b = committed.newNodes().containsKey(h) ? null : live.get(h);
            if (b != null) {
                gone.put(h, b);
            }
        }
        // Published before removal, so a concurrent reader finds a node in one place or the other.
        List<Map<Hash, byte[]>> ring = new ArrayList<>(RETIRED_BLOCKS);
        ring.add(gone);
        for (int i = 0; i < retired.size() && ring.size() < RETIRED_BLOCKS; i++) {
            ring.add(retired.get(i));
        }
        retired = List.copyOf(ring);
        live.keySet().removeAll(gone.keySet());
        live.putAll(committed.newNodes());
    }

    /**
     * Puts into {@code batch} every node of the tree {@code (version, root)} that was created after
     * {@code flushedVersion}, looked up in {@code pending} (an update not yet {@linkplain #advance
     * taken}) and then here: exactly the nodes that tree needs and the store lacks, given that the
     * tree at {@code flushedVersion} and everything it uses are stored.
     *
     * @return the number of nodes put
     * @throws IllegalStateException if such a node is not held (a bug: nodes are dropped only after a flush)
     */
    public int writeReachable(Hash root, long version, long flushedVersion, Map<Hash, byte[]> pending, WriteBatch batch) {
        if (root.equals(Hash.ZERO)) {
            return 0;
        }
        ArrayDeque<At> todo = new ArrayDeque<>();
        todo.push(new At(root, version));
        int written = 0;
        while (!todo.isEmpty()) {
            At at = todo.pop();
            byte[] bytes = pending.get(at.hash);
            if (bytes == null) {
                bytes = live.get(at.hash);
            }
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

    /** Empties the set once the batch {@link #writeReachable} filled is durable: its nodes are in the store now. */
    public void flushed() {
        live.clear();
    }
}
