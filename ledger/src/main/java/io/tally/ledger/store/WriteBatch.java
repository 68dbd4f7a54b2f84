package io.tally.ledger.store;

/**
 * Puts and deletes that become visible together, atomically, when {@link #commit} is called; on a
 * crash either all of them are on disk or none. Later operations on the same key win. A batch is
 * used by one thread and is finished after {@code commit} or {@code close}.
 */
public interface WriteBatch extends AutoCloseable {
    WriteBatch put(Column column, byte[] key, byte[] value);

    WriteBatch delete(Column column, byte[] key);

    /** Number of operations added so far. */
    int size();

    /**
     * Applies every operation atomically.
     *
     * @throws StorageException if the store is closed or the write fails (nothing was applied)
     * @throws IllegalStateException if this batch was already committed or closed
     */
    void commit(Durability durability);

    /** Releases the batch; operations not committed are discarded. Idempotent. */
    @Override
    void close();
}
