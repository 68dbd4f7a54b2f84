package io.tally.p2p.gossip;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message ids seen recently, for de-duplication: expire after a TTL and, independently, the oldest
 * are evicted beyond a size cap so a flood of distinct ids cannot grow memory. Single-threaded.
 */
final class SeenCache {
    private final long ttlNanos;
    private final int maxEntries;
    private final LinkedHashMap<MessageKey, Long> entries = new LinkedHashMap<>();

    SeenCache(long ttlNanos, int maxEntries) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
    }

    /** Records the id; returns false if it was already present. */
    boolean add(MessageKey id, long nowNanos) {
        if (entries.containsKey(id)) {
            return false;
        }
        entries.put(id, nowNanos);
        if (entries.size() > maxEntries) {
            Iterator<MessageKey> it = entries.keySet().iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    boolean contains(MessageKey id) {
        return entries.containsKey(id);
    }

    void expire(long nowNanos) {
        Iterator<Map.Entry<MessageKey, Long>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().getValue() > ttlNanos) {
                it.remove();
            } else {
                break; // insertion order is time order
            }
        }
    }

    int size() {
        return entries.size();
    }
}
