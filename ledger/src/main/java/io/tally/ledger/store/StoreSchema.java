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
     * by version ‖ hash, internal nodes carry their children's versions. 3: tree nodes are written
     * at tree flushes, not with every block; the blocks since the last flush record their changed keys.
     */
    public static final int VERSION = 3;
    /** The one older version this build upgrades in place (a version-2 store has every tree flushed). */
    public static final int UPGRADABLE_VERSION = 2;

    public static final byte[] VERSION_KEY = "schema_version".getBytes(StandardCharsets.US_ASCII);

    private StoreSchema() {}

    /**
     * Stamps an empty store with {@link #VERSION} or checks a used one.
     *
     * @return the version found: {@link #VERSION}, or {@link #UPGRADABLE_VERSION}, which the caller
     *     must upgrade and then {@link #stamp}
     * @throws StorageException if the store has another schema version or a malformed version key
     */
    public static int checkOrInit(KvStore store) {
        Optional<byte[]> v = store.get(Column.META, VERSION_KEY);
        if (v.isEmpty()) {
            try (WriteBatch b = store.newBatch()) {
                stamp(b);
                b.commit(Durability.SYNCED);
            }
            return VERSION;
        }
        byte[] raw = v.get();
        if (raw.length != 4) {
            throw new StorageException("the store's schema version key is malformed (" + raw.length + " bytes)");
        }
        int found = ByteBuffer.wrap(raw).getInt();
        if (found != VERSION && found != UPGRADABLE_VERSION) {
            throw new StorageException("the store has schema version " + found + " but this build reads version "
                    + VERSION + " (and upgrades " + UPGRADABLE_VERSION + "); use a matching build or a fresh data directory");
        }
        return found;
    }

    /** Puts this build's version into {@code batch}. */
    public static void stamp(WriteBatch batch) {
        batch.put(Column.META, VERSION_KEY, ByteBuffer.allocate(4).putInt(VERSION).array());
    }
}
