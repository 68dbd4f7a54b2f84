package io.tally.ledger.store;

/** One key and value of a column, as returned by iteration (the column prefix is stripped). */
public record KvEntry(byte[] key, byte[] value) {
    public KvEntry {
        if (key == null || value == null) {
            throw new IllegalArgumentException("key and value are required");
        }
    }
}
