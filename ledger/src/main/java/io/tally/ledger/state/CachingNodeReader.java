package io.tally.ledger.state;

import io.tally.crypto.Hash;
import java.util.Map;

/**
 * A bounded cache in front of a node reader. Nodes are content addressed and never change, so a
 * cached node can never be stale and nothing needs invalidating. Thread-safe.
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
    public byte[] read(Hash hash) {
        byte[] n = cache.get(hash);
        if (n != null) {
            return n;
        }
        n = base.read(hash);
        if (n != null) {
            cache.put(hash, n);
        }
        return n;
    }

    /** Adds nodes just committed: the next block reads the top of the tree it wrote. */
    public void addAll(Map<Hash, byte[]> nodes) {
        cache.putAll(nodes);
    }

    public int size() {
        return cache.size();
    }
}
