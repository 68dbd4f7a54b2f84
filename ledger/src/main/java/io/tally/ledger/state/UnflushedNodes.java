package io.tally.ledger.state;

import io.tally.crypto.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State-tree nodes of committed blocks that are not in the store yet. The chain does not write each
 * block's new tree nodes (docs/storage.md, "Tree flushes"): it keeps them in memory and, every so
 * often, writes those the latest tree uses ({@link #startFlush}, {@link TreeFlush}). A node that a later block
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

    private volatile Map<Hash, byte[]> live = new ConcurrentHashMap<>();
    /**
     * While a flush is being written: the unlinked nodes of the tree before the flushed one, as they
     * were when it started, which its walk reads; never mutated (a node a later block replaces stays
     * here, and also goes to {@link #retired}, until the flush completes). Empty otherwise.
     */
    private volatile Map<Hash, byte[]> frozen = Map.of();
    /** Nodes replaced by each of the last blocks, newest first; replaced whole, never mutated. */
    private volatile List<Map<Hash, byte[]>> retired = List.of();
    private TreeFlush flushing;

    /** The unlinked node with this hash, or null if it is not held here. */
    public byte[] get(Hash hash) {
        byte[] b = live.get(hash);
        if (b == null) {
            b = frozen.get(hash);
        }
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

    /** Unlinked nodes not in the store (while a flush is written, also some a later block replaced). */
    public int size() {
        return live.size() + frozen.size();
    }

    /**
     * Takes a committed update: the unlinked nodes it replaced leave the set (readable for a few
     * more blocks), its new unlinked nodes join it. (Any copy of a node serves: copies differ only in
     * where their children are.)
     */
    public void advance(UpdateResult committed) {
        Map<Hash, byte[]> gone = new HashMap<>();
        Map<Hash, byte[]> current = live;
        for (Hash h : committed.replacedNodes()) {
            if (committed.newNodes().containsKey(h)) {
                continue;
            }
            byte[] b = current.get(h);
            if (b == null) {
                b = frozen.get(h);
            }
            if (b != null) {
                gone.put(h, b);
            }
        }
        // Published before removal, so a concurrent reader finds a node in one place or the other.
        retired = newestFirst(gone, retired, RETIRED_BLOCKS);
        current.keySet().removeAll(gone.keySet());
        current.putAll(committed.unlinkedNodes());
    }

    /**
     * Starts a flush of the tree {@code update} produced: it will write every node of that tree
     * created after {@code flushedVersion}, exactly the nodes the tree needs and the store lacks
     * (given that the tree at {@code flushedVersion} and everything it uses are stored), a part at
     * a time ({@link TreeFlush#writeNext}). Call it before {@link #advance advancing} to the update;
     * the unlinked nodes held now are kept for the flush until {@link #flushed}.
     *
     * @throws IllegalStateException if a flush is already being written
     */
    public TreeFlush startFlush(UpdateResult update, long flushedVersion) {
        if (flushing != null) {
            throw new IllegalStateException("a tree flush of version " + flushing.height() + " is still being written");
        }
        Map<Hash, byte[]> held = live;
        // Frozen before the new map is published: a reader that sees the new map sees the frozen one.
        frozen = held;
        live = new ConcurrentHashMap<>();
        flushing = new TreeFlush(update, flushedVersion, held);
        return flushing;
    }

    /** The flush started and not yet {@link #flushed}, or null. */
    public TreeFlush flushInProgress() {
        return flushing;
    }

    /**
     * Once every node of {@code flush} is durable in the store: the nodes held for it are released
     * (those a later block replaced stay readable a few blocks, see {@link #advance}).
     */
    public void flushed(TreeFlush flush) {
        if (flush != flushing || !flush.done()) {
            throw new IllegalStateException("not the flush being written, or not written completely");
        }
        for (Map.Entry<Hash, byte[]> e : flush.updateUnlinked().entrySet()) {
            live.remove(e.getKey(), e.getValue());
        }
        frozen = Map.of();
        flushing = null;
    }

    /** {@code newest} followed by the first of {@code older}, at most {@code max} in all (an immutable list). */
    static <T> List<T> newestFirst(T newest, List<T> older, int max) {
        List<T> out = new ArrayList<>(max);
        out.add(newest);
        out.addAll(older.subList(0, Math.min(older.size(), max - 1)));
        return Collections.unmodifiableList(out);
    }
}
