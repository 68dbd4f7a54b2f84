package io.tally.ledger.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded cache with two generations instead of an exact LRU list: entries go into the young
 * map; when it reaches {@code generationSize} it becomes the old map and the previous old map is
 * dropped whole. A hit in the old generation is copied into the young one, so entries in use
 * survive. Why not an access-ordered {@code LinkedHashMap}: a hit there rewrites list links, which
 * on a 200,000-entry cache costs cache misses on every read and dirties old-generation cards the
 * garbage collector must then scan; here a young hit writes nothing and eviction is free.
 *
 * <p>Holds at most {@code maxEntries} entries (two generations of half that, at least one each).
 * Null keys and values are refused. Thread-safe.
 */
public final class GenerationalCache<K, V> {
    private final int generationSize;
    private Map<K, V> young;
    private Map<K, V> old;

    public GenerationalCache(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.generationSize = Math.max(1, maxEntries / 2);
        this.young = newGeneration();
        this.old = newGeneration();
    }

    /** The cached value, or null. */
    public synchronized V get(K key) {
        V v = young.get(key);
        if (v == null) {
            v = old.get(key);
            if (v != null) {
                putYoung(key, v);
            }
        }
        return v;
    }

    public synchronized void put(K key, V value) {
        putYoung(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    public synchronized void putAll(Map<K, V> entries) {
        for (Map.Entry<K, V> e : entries.entrySet()) {
            putYoung(Objects.requireNonNull(e.getKey(), "key"), Objects.requireNonNull(e.getValue(), "value"));
        }
    }

    /** Entries held, counting a key present in both generations twice. */
    public synchronized int size() {
        return young.size() + old.size();
    }

    private void putYoung(K key, V value) {
        young.put(key, value);
        if (young.size() >= generationSize) {
            old = young;
            young = newGeneration();
        }
    }

    private Map<K, V> newGeneration() {
        // Sized for the whole generation: a resize on the commit path rehashes up to 100,000 entries.
        return new HashMap<>(generationSize * 4 / 3 + 1);
    }
}
