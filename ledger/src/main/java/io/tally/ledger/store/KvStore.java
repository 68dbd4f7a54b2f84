package io.tally.ledger.store;

import java.util.Optional;

/**
 * A typed key-value store. Keys and values are byte arrays; arrays passed in are not retained and
 * arrays returned are the caller's. Thread-safe: concurrent readers and one writer.
 */
public interface KvStore extends AutoCloseable {
    /** The value under {@code key} in {@code column}, if any. */
    Optional<byte[]> get(Column column, byte[] key);

    /**
     * Entries of {@code column} with {@code fromInclusive <= key < toExclusive} in ascending
     * unsigned order. {@code null} bounds mean the start / end of the column.
     */
    KvIterator iterate(Column column, byte[] fromInclusive, byte[] toExclusive);

    /** Entries of {@code column} whose key starts with {@code prefix}. */
    default KvIterator iteratePrefix(Column column, byte[] prefix) {
        return iterate(column, prefix, KeyRanges.prefixEnd(prefix));
    }

    /** A new empty batch; nothing is visible until it is committed. */
    WriteBatch newBatch();

    /** Closes the store and every iterator still open on it. Idempotent. */
    @Override
    void close();
}
