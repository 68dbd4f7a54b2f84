package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State-tree nodes of committed blocks that are not in the store yet. The chain does not write each
 * block's new tree nodes (docs/storage.md, "Tree flushes"): it keeps them in memory and, every so
 * often, writes those the latest tree uses ({@link #writeReachable}). A node that a later block
 * replaces before the flush is never written. They are derived data: each block's flat state
 * changes are durable in its own batch, and after a crash the chain rebuilds the tree from the last
 * flushed one.
 *
 * <p>The unflushed nodes within the tree's linked levels need no bookkeeping: the latest tree's
 * linked root reaches each of them ({@link UpdateResult#rootNode()}), and a replaced one is garbage
 * once no recent root does. This class holds the others, the unlinked ones
 * ({@link UpdateResult#unlinkedNodes()}): exactly those the latest tree uses. A replaced one stays
 * readable for the next {@link #RETIRED_BLOCKS} blocks, for a reader still walking an older tree (a
 * proof or a proposal that raced with a commit). Writers are serialised by the caller (the chain's
 * commit); reads are thread-safe.
 */
public final class UnflushedNodes {
    /** How many blocks a replaced node stays readable (the chain's reader keeps as many older linked roots). */
    public static final int RETIRED_BLOCKS = 4;

    private final Map<Hash, byte[]> live = new ConcurrentHashMap<>();
    /** Nodes replaced by each of the last blocks, newest first; replaced whole, never mutated. */
    private volatile List<Map<Hash, byte[]>> retired = List.of();

    /** The unlinked node with this hash, or null if it is not held here. */
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

    /** Unlinked nodes of the latest tree that are not in the store. */
    public int size() {
        return live.size();
    }

    /**
     * Takes a committed update: the unlinked nodes it replaced leave the set (readable for a few
     * more blocks), its new unlinked nodes join it. (Any copy of a node serves: copies differ only in
     * where their children are.)
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
        retired = newestFirst(gone, retired, RETIRED_BLOCKS);
        live.keySet().removeAll(gone.keySet());
        live.putAll(committed.unlinkedNodes());
    }

    /**
     * Puts into {@code batch} every node of the tree {@code update} produced that was created after
     * {@code flushedVersion}: exactly the nodes that tree needs and the store lacks, given that the
     * tree at {@code flushedVersion} and everything it uses are stored. Linked nodes are found by
     * their links, unlinked ones among the update's own and then here; call it before
     * {@link #advance advancing} to the update.
     *
     * @return the number of nodes put
     * @throws IllegalStateException if such a node is not found (a bug: the tree would be lost)
     */
    public int writeReachable(UpdateResult update, long flushedVersion, WriteBatch batch) {
        if (update.rootNode() == null) {
            return 0;
        }
        ArrayDeque<At> todo = new ArrayDeque<>();
        todo.push(new At(update.root(), update.version(), update.rootNode()));
        int written = 0;
        while (!todo.isEmpty()) {
            At at = todo.pop();
            byte[] bytes = at.mem != null ? at.mem.encoded : update.unlinkedNodes().get(at.hash);
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
                push(todo, SmtNodes.left(bytes), SmtNodes.leftVersion(bytes), at.mem == null ? null : at.mem.left,
                        flushedVersion);
                push(todo, SmtNodes.right(bytes), SmtNodes.rightVersion(bytes), at.mem == null ? null : at.mem.right,
                        flushedVersion);
            }
        }
        return written;
    }

    /** {@code newest} followed by the first of {@code older}, at most {@code max} in all (an immutable list). */
    static <T> List<T> newestFirst(T newest, List<T> older, int max) {
        List<T> out = new ArrayList<>(max);
        out.add(newest);
        out.addAll(older.subList(0, Math.min(older.size(), max - 1)));
        return Collections.unmodifiableList(out);
    }

    private record At(Hash hash, long version, TreeNode mem) {}

    private static void push(ArrayDeque<At> todo, Hash child, long version, TreeNode link, long flushedVersion) {
        if (version > flushedVersion && !child.equals(Hash.ZERO)) {
            // A link is only ever set to the node the parent's bytes name.
            todo.push(new At(child, version, link));
        }
    }

    /** Empties the set once the batch {@link #writeReachable} filled is durable: its nodes are in the store now. */
    public void flushed() {
        live.clear();
    }
}
