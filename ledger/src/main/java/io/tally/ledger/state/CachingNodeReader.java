package io.tally.ledger.state;

import io.tally.crypto.Hash;

/**
 * A bounded cache in front of a node reader, keyed exactly as the store is, by (version, hash).
 * Stored nodes are never rewritten, so a cached node can never be stale and nothing needs
 * invalidating; keying by version too (not by hash alone, which would also find a node) keeps
 * every read pointing at the copy its parent names, which pruning by version will rely on.
 * Thread-safe.
 */
public final class CachingNodeReader implements NodeReader {
    private record Key(long version, Hash hash) {}

    private final NodeReader base;
    private final GenerationalCache<Key, byte[]> cache;

    /** Holds at most {@code maxEntries} nodes. */
    public CachingNodeReader(NodeReader base, int maxEntries) {
        this.base = base;
        this.cache = new GenerationalCache<>(maxEntries);
    }

    @Override
    public byte[] read(long version, Hash hash) {
        Key k = new Key(version, hash);
        byte[] n = cache.get(k);
        if (n != null) {
            return n;
        }
        n = base.read(version, hash);
        if (n != null) {
            cache.put(k, n);
        }
        return n;
    }

    /** Adds the nodes of an update just committed: the next block reads the top of the tree it wrote. */
    public void addAll(UpdateResult update) {
        long v = update.version();
        update.newNodes().forEach((h, n) -> cache.put(new Key(v, h), n));
    }

    public int size() {
        return cache.size();
    }
}
