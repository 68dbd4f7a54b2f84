package io.tally.ledger.chain;

import io.tally.ledger.exec.StateReader;
import io.tally.ledger.state.GenerationalCache;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateWrite;
import java.util.List;
import java.util.Optional;

/**
 * The flat head state with a bounded cache in front of the store: admission, proposal building and
 * execution read the same hot accounts many times per block, and each store read is a JNI call.
 * The cache holds absent keys too. {@link #apply} writes a committed block's changes through, after
 * they are in the store.
 *
 * <p>A reader that missed reads the store without the lock; if a commit was applied meanwhile, its
 * value may predate that commit, so it is returned but not cached (the epoch check). Returned
 * arrays are shared: callers must not modify them. Thread-safe.
 */
final class CachingStateReader implements StateReader {
    private final StateReader base;
    private final GenerationalCache<StateKey, Optional<byte[]>> cache;
    private long epoch;

    CachingStateReader(StateReader base, int maxEntries) {
        this.base = base;
        this.cache = new GenerationalCache<>(maxEntries);
    }

    @Override
    public Optional<byte[]> get(StateKey key) {
        long seen;
        synchronized (this) {
            Optional<byte[]> v = cache.get(key);
            if (v != null) {
                return v;
            }
            seen = epoch;
        }
        Optional<byte[]> v = base.get(key);
        synchronized (this) {
            if (epoch == seen) {
                cache.put(key, v);
            }
        }
        return v;
    }

    /** Called after the batch holding {@code writes} is in the store. */
    synchronized void apply(List<StateWrite> writes) {
        for (StateWrite w : writes) {
            cache.put(w.key(), w.isDelete() ? Optional.empty() : Optional.of(w.value()));
        }
        epoch++;
    }
}
