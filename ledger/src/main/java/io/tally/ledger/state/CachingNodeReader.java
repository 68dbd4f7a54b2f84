package io.tally.ledger.state;

import io.tally.crypto.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used cache in front of a node reader. Nodes are content addressed and
 * never change, so a cached node can never be stale and nothing needs invalidating. Thread-safe.
 */
public final class CachingNodeReader implements NodeReader {
    private final NodeReader base;
    private final Map<Hash, byte[]> cache;

    public CachingNodeReader(NodeReader base, int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.base = base;
        this.cache = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, byte[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public byte[] read(Hash hash) {
        synchronized (cache) {
            byte[] n = cache.get(hash);
            if (n != null) {
                return n;
            }
        }
        byte[] n = base.read(hash);
        if (n != null) {
            synchronized (cache) {
                cache.put(hash, n);
            }
        }
        return n;
    }

    /** Adds nodes just committed: the next block reads the top of the tree it wrote. */
    public void addAll(Map<Hash, byte[]> nodes) {
        synchronized (cache) {
            cache.putAll(nodes);
        }
    }

    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }
}
