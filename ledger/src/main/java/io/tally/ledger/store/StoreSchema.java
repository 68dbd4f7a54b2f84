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
     * 4: receipts are stored only for failed transactions; a committed transaction without one succeeded.
     */
    public static final int VERSION = 4;
    /**
     * The oldest version this build upgrades in place: a version-2 store has every tree flushed; a
     * version-3 store holds a receipt for every transaction, which version 4 reads as they are.
     */
    public static final int OLDEST_UPGRADABLE_VERSION = 2;

    public static final byte[] VERSION_KEY = "schema_version".getBytes(StandardCharsets.US_ASCII);

    private StoreSchema() {}

    /**
     * Stamps an empty store with {@link #VERSION} or checks a used one.
     *
     * @return the version found: {@link #VERSION}, or an older one from {@link
     *     #OLDEST_UPGRADABLE_VERSION} on, which the caller must upgrade and then {@link #stamp}
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
        if (found < OLDEST_UPGRADABLE_VERSION || found > VERSION) {
            throw new StorageException("the store has schema version " + found + " but this build reads version "
                    + VERSION + " (and upgrades " + OLDEST_UPGRADABLE_VERSION + " to " + (VERSION - 1)
                    + "); use a matching build or a fresh data directory");
        }
        return found;
    }

    /** Puts this build's version into {@code batch}. */
    public static void stamp(WriteBatch batch) {
        batch.put(Column.META, VERSION_KEY, ByteBuffer.allocate(4).putInt(VERSION).array());
    }
}
