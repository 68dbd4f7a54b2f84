package io.tally.ledger.state;

import io.tally.crypto.Hash;

/**
 * A bounded cache in front of a node reader, keyed by node hash alone. A hash names one content;
 * two stored copies of a node (written at different versions) differ only in the versions they
 * record for their children, and every copy's children are stored too (nothing is pruned), so
 * whichever copy is cached serves any reader and nothing ever needs invalidating. Why not the
 * store's exact (version, hash) key: a composite key costs an object and a pointer chase per probe,
 * and this map is probed for every node an update visits (measured: an eighth of the validation
 * thread in Key.equals). A pruner will have to clear the cache after deleting nodes.
 * Thread-safe.
 */
public final class CachingNodeReader implements NodeReader {
    private final NodeReader base;
    private final GenerationalCache<Hash, byte[]> cache;

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

    /** Adds the nodes of an update just committed: the next block reads the top of the tree it wrote. */
    public void addAll(UpdateResult update) {
        cache.putAll(update.newNodes());
    }

    public int size() {
        return cache.size();
    }
}
