package io.tally.ledger.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The schema version key ({@code META/"schema_version"} → u32). An empty store is stamped with
 * {@link #VERSION}; a store written by another layout version is refused with a clear error
 * instead of being misread.
 */
public final class StoreSchema {
    /**
     * Bump when the meaning of an existing column or encoding changes. 2: state tree nodes keyed
     * by version ‖ hash, internal nodes carry their children's versions.
     */
    public static final int VERSION = 2;

    public static final byte[] VERSION_KEY = "schema_version".getBytes(StandardCharsets.US_ASCII);

    private StoreSchema() {}

    /**
     * Stamps an empty store or checks a used one.
     *
     * @throws StorageException if the store has another schema version or a malformed version key
     */
    public static void checkOrInit(KvStore store) {
        Optional<byte[]> v = store.get(Column.META, VERSION_KEY);
        if (v.isEmpty()) {
            try (WriteBatch b = store.newBatch()) {
                b.put(Column.META, VERSION_KEY, ByteBuffer.allocate(4).putInt(VERSION).array());
                b.commit(Durability.SYNCED);
            }
            return;
        }
        byte[] raw = v.get();
        if (raw.length != 4) {
            throw new StorageException("the store's schema version key is malformed (" + raw.length + " bytes)");
        }
        int found = ByteBuffer.wrap(raw).getInt();
        if (found != VERSION) {
            throw new StorageException("the store has schema version " + found + " but this build reads version "
                    + VERSION + "; use a matching build or a fresh data directory");
        }
    }
}
