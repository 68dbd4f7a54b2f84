package io.tally.ledger.state;

import io.tally.crypto.Hash;
import java.util.List;

/**
 * The node reader of the committed chain: the latest committed tree's upper levels linked in memory
 * ({@link #linkedRoot}), the committed nodes not yet flushed to the store ({@link UnflushedNodes}),
 * then a bounded cache of nodes read from the store, keyed by node hash alone. A hash names one
 * content; two copies of a node (written at different versions) differ only in the versions they
 * record for their children. The cache holds only copies read from the store, whose children are
 * stored too (a flush writes a tree's nodes with everything below them, and nothing is pruned), so
 * whichever copy is cached serves any reader and nothing ever needs invalidating. (Nodes that were
 * never flushed must not enter it: a superseded copy may name children that were dropped.) Why not
 * the store's exact (version, hash) key: a composite key costs an object and a pointer chase per
 * probe (measured: an eighth of the validation thread in Key.equals). A pruner will have to clear
 * the cache after deleting nodes. Thread-safe.
 */
public final class CachingNodeReader implements NodeReader {
    private final NodeReader base;
    private final UnflushedNodes unflushed;
    private final GenerationalCache<Hash, byte[]> cache;
    /** The latest committed trees' linked roots, newest first (the latest and {@link UnflushedNodes#RETIRED_BLOCKS} before it). */
    private volatile List<Linked> recent = List.of();

    private record Linked(long version, TreeNode root) {}

    /** Caches at most {@code maxEntries} nodes of {@code base}, which holds every node. */
    public CachingNodeReader(NodeReader base, int maxEntries) {
        this(base, maxEntries, new UnflushedNodes());
    }

    /** Caches at most {@code maxEntries} nodes; a node is in {@code unflushed} or in {@code base}. */
    public CachingNodeReader(NodeReader base, int maxEntries, UnflushedNodes unflushed) {
        this.base = base;
        this.unflushed = unflushed;
        this.cache = new GenerationalCache<>(maxEntries);
    }

    @Override
    public byte[] read(long version, Hash hash) {
        byte[] n = unflushed.get(hash);
        if (n != null) {
            return n;
        }
        n = cache.get(hash);
        if (n != null) {
            return n;
        }
        n = base.read(version, hash);
        if (n != null) {
            cache.put(hash, n);
        }
        return n;
    }

    @Override
    public TreeNode linkedRoot(long version, Hash root) {
        for (Linked l : recent) {
            if (l.version == version && l.root != null && l.root.hash.equals(root)) {
                return l.root;
            }
        }
        return null;
    }

    /**
     * Takes the tree of an update just committed as the latest: the next block walks its linked
     * upper levels, and so can readers of the few trees before it, whose unflushed linked nodes are
     * reachable only through their roots. Its unlinked new nodes must already be readable: in the
     * unflushed nodes or in the store.
     */
    public void advance(UpdateResult committed) {
        // root null: the empty tree
        recent = UnflushedNodes.newestFirst(new Linked(committed.version(), committed.rootNode()), recent,
                UnflushedNodes.RETIRED_BLOCKS + 1);
    }

    public int size() {
        return cache.size();
    }
}
