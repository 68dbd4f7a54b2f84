package io.tally.ledger.state;

import io.tally.crypto.Hash;

/**
 * The node reader of the committed chain: the latest committed tree's upper levels linked in memory
 * ({@link #linkedRoot}), and a bounded cache in front of the store for the nodes below them, keyed
 * by node hash alone. A hash names one content; two stored copies of a node (written at different
 * versions) differ only in the versions they record for their children, and every copy's children
 * are stored too (nothing is pruned), so whichever copy is cached serves any reader and nothing ever
 * needs invalidating. Why not the store's exact (version, hash) key: a composite key costs an object
 * and a pointer chase per probe (measured: an eighth of the validation thread in Key.equals). A
 * pruner will have to clear the cache after deleting nodes. Thread-safe.
 */
public final class CachingNodeReader implements NodeReader {
    private final NodeReader base;
    private final GenerationalCache<Hash, byte[]> cache;
    private volatile Linked latest;

    private record Linked(long version, TreeNode root) {}

    /** Holds at most {@code maxEntries} nodes. */
    public CachingNodeReader(NodeReader base, int maxEntries) {
        this.base = base;
        this.cache = new GenerationalCache<>(maxEntries);
    }

    @Override
    public byte[] read(long version, Hash hash) {
        byte[] n = cache.get(hash);
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
        Linked l = latest;
        return l != null && l.version == version && l.root.hash.equals(root) ? l.root : null;
    }

    /**
     * Takes the tree of an update just committed as the latest: the next block walks its linked
     * upper levels, and its nodes below them go into the cache.
     */
    public void advance(UpdateResult committed) {
        cache.putAll(committed.unlinkedNodes());
        latest = committed.rootNode() == null ? null : new Linked(committed.version(), committed.rootNode());
    }

    public int size() {
        return cache.size();
    }
}
