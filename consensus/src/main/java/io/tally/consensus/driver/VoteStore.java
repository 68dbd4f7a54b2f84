package io.tally.consensus.driver;

import io.tally.consensus.PersistedRecord;
import java.io.IOException;
import java.util.List;

/**
 * Durable storage of a replica's {@link PersistedRecord}s (the node backs it with LevelDB). Writes
 * are buffered until {@link #sync()}, which must not return before they survive a power loss.
 * Any IOException halts consensus: a validator that cannot remember its votes must not vote.
 */
public interface VoteStore {
    void append(PersistedRecord record) throws IOException;

    /** Forget records below {@code height} (buffered like an append). */
    void pruneBelow(long height) throws IOException;

    /** Makes every earlier append and prune durable. */
    void sync() throws IOException;

    /** All durable records, for {@link io.tally.consensus.PbftReplica} construction after a restart. */
    List<PersistedRecord> load() throws IOException;
}
