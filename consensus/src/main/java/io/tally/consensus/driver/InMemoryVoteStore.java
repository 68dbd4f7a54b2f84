package io.tally.consensus.driver;

import io.tally.consensus.PersistedRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A vote store in memory for tests and the simulator. It models a disk with a volatile cache:
 * appends stay pending until {@link #sync()}, and {@link #crash()} loses whatever is pending.
 */
public final class InMemoryVoteStore implements VoteStore {
    private final List<PersistedRecord> durable = new ArrayList<>();
    private final List<PersistedRecord> pending = new ArrayList<>();
    private long pendingPrune = -1;

    @Override
    public synchronized void append(PersistedRecord record) {
        pending.add(record);
    }

    @Override
    public synchronized void pruneBelow(long height) {
        pendingPrune = Math.max(pendingPrune, height);
    }

    @Override
    public synchronized void sync() {
        if (pendingPrune >= 0) {
            long h = pendingPrune;
            durable.removeIf(r -> r.height() < h);
            pendingPrune = -1;
        }
        durable.addAll(pending);
        pending.clear();
    }

    @Override
    public synchronized List<PersistedRecord> load() {
        return List.copyOf(durable);
    }

    /** Power loss: unsynced appends and prunes are gone. */
    public synchronized void crash() {
        pending.clear();
        pendingPrune = -1;
    }

    public synchronized int durableCount() {
        return durable.size();
    }
}
