package io.tally.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link KvStore} must have. Each implementation's test class extends this and
 * says how to open (and, if it persists, reopen) a store. Public so other modules' stores can reuse it.
 */
public abstract class KvStoreContract {
    protected KvStore store;

    /** A fresh, empty store. */
    protected abstract KvStore openFresh();

    /** Closes {@code store} and opens the same data again; null if the store does not persist. */
    protected abstract KvStore reopen(KvStore store);

    @BeforeEach
    void openStore() {
        store = openFresh();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private void put(Column c, byte[] k, byte[] v) {
        try (WriteBatch wb = store.newBatch()) {
            wb.put(c, k, v).commit(Durability.BUFFERED);
        }
    }

    private List<String> keysOf(KvIterator it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                out.add(io.tally.crypto.Bytes.toHex(it.next().key()));
            }
        }
        return out;
    }

    @Test
    void missingKeyReadsAsEmpty() {
        assertTrue(store.get(Column.STATE, b(1, 2)).isEmpty());
    }

    @Test
    void committedPutIsReadBackAndColumnsAreSeparate() {
        put(Column.STATE, b(1), b(9, 9));
        assertArrayEquals(b(9, 9), store.get(Column.STATE, b(1)).orElseThrow());
        assertTrue(store.get(Column.SMT_NODE, b(1)).isEmpty());
    }

    @Test
    void emptyKeyAndEmptyValueAreAllowed() {
        put(Column.META, new byte[0], new byte[0]);
        assertArrayEquals(new byte[0], store.get(Column.META, new byte[0]).orElseThrow());
    }

    @Test
    void batchIsInvisibleUntilCommitAndThenAllVisible() {
        try (WriteBatch wb = store.newBatch()) {
            wb.put(Column.STATE, b(1), b(1)).put(Column.BLOCK_BY_HEIGHT, b(2), b(2));
            assertTrue(store.get(Column.STATE, b(1)).isEmpty());
            assertEquals(2, wb.size());
            wb.commit(Durability.SYNCED);
        }
        assertTrue(store.get(Column.STATE, b(1)).isPresent());
        assertTrue(store.get(Column.BLOCK_BY_HEIGHT, b(2)).isPresent());
    }

    @Test
    void closedBatchDiscardsItsOperations() {
        try (WriteBatch wb = store.newBatch()) {
            wb.put(Column.STATE, b(1), b(1));
        }
        assertTrue(store.get(Column.STATE, b(1)).isEmpty());
    }

    @Test
    void laterOperationOnTheSameKeyWinsInsideABatch() {
        put(Column.STATE, b(5), b(0));
        try (WriteBatch wb = store.newBatch()) {
            wb.put(Column.STATE, b(1), b(1)).delete(Column.STATE, b(1));
            wb.delete(Column.STATE, b(5)).put(Column.STATE, b(5), b(7));
            wb.commit(Durability.BUFFERED);
        }
        assertTrue(store.get(Column.STATE, b(1)).isEmpty());
        assertArrayEquals(b(7), store.get(Column.STATE, b(5)).orElseThrow());
    }

    @Test
    void deleteOfAbsentKeyIsHarmless() {
        try (WriteBatch wb = store.newBatch()) {
            wb.delete(Column.STATE, b(3)).commit(Durability.BUFFERED);
        }
        assertTrue(store.get(Column.STATE, b(3)).isEmpty());
    }

    @Test
    void batchCannotBeReusedAfterCommit() {
        WriteBatch wb = store.newBatch();
        wb.put(Column.STATE, b(1), b(1)).commit(Durability.BUFFERED);
        assertThrows(IllegalStateException.class, () -> wb.put(Column.STATE, b(2), b(2)));
        assertThrows(IllegalStateException.class, () -> wb.commit(Durability.BUFFERED));
        wb.close();
    }

    @Test
    void callerArraysAreNotRetainedAndResultsAreCopies() {
        byte[] k = b(1);
        byte[] v = b(2);
        put(Column.STATE, k, v);
        k[0] = 9;
        v[0] = 9;
        byte[] got = store.get(Column.STATE, b(1)).orElseThrow();
        assertArrayEquals(b(2), got);
        got[0] = 7;
        assertArrayEquals(b(2), store.get(Column.STATE, b(1)).orElseThrow());
    }

    @Test
    void iterationIsAscendingUnsignedWithinBoundsAndColumn() {
        try (WriteBatch wb = store.newBatch()) {
            for (int k : new int[] {0x80, 0x01, 0xff, 0x7f, 0x00}) {
                wb.put(Column.STATE, b(k), b(k));
            }
            wb.put(Column.SMT_NODE, b(0x02), b(0));
            wb.put(Column.BLOCK_BY_HEIGHT, b(0x02), b(0));
            wb.commit(Durability.BUFFERED);
        }
        assertEquals(List.of("00", "01", "7f", "80", "ff"), keysOf(store.iterate(Column.STATE, null, null)));
        assertEquals(List.of("01", "7f"), keysOf(store.iterate(Column.STATE, b(0x01), b(0x80))));
        assertEquals(List.of("80", "ff"), keysOf(store.iterate(Column.STATE, b(0x80), null)));
        assertEquals(List.of(), keysOf(store.iterate(Column.STATE, b(0x80), b(0x80))));
        assertEquals(List.of(), keysOf(store.iterate(Column.STATE, b(0x90), b(0x10))));
        try (KvIterator it = store.iterate(Column.STATE, b(0x7f), null)) {
            KvEntry e = it.next();
            assertArrayEquals(b(0x7f), e.key());
            assertArrayEquals(b(0x7f), e.value());
        }
    }

    @Test
    void prefixIterationIncludesAllFfPrefixes() {
        try (WriteBatch wb = store.newBatch()) {
            wb.put(Column.STATE, b(0x01, 0x00), b(0));
            wb.put(Column.STATE, b(0x01, 0xff, 0x01), b(0));
            wb.put(Column.STATE, b(0x02), b(0));
            wb.put(Column.STATE, b(0xff, 0xff), b(0));
            wb.put(Column.STATE, b(0xff, 0xff, 0x00), b(0));
            wb.commit(Durability.BUFFERED);
        }
        assertEquals(List.of("0100", "01ff01"), keysOf(store.iteratePrefix(Column.STATE, b(0x01))));
        assertEquals(List.of("ffff", "ffff00"), keysOf(store.iteratePrefix(Column.STATE, b(0xff, 0xff))));
    }

    @Test
    void iteratorSeesTheSnapshotOfItsCreation() {
        put(Column.STATE, b(1), b(1));
        put(Column.STATE, b(2), b(2));
        try (KvIterator it = store.iterate(Column.STATE, null, null)) {
            try (WriteBatch wb = store.newBatch()) {
                wb.put(Column.STATE, b(3), b(3)).delete(Column.STATE, b(2)).commit(Durability.BUFFERED);
            }
            List<String> seen = new ArrayList<>();
            while (it.hasNext()) {
                seen.add(io.tally.crypto.Bytes.toHex(it.next().key()));
            }
            assertEquals(List.of("01", "02"), seen);
        }
    }

    @Test
    void closedIteratorYieldsNothing() {
        put(Column.STATE, b(1), b(1));
        KvIterator it = store.iterate(Column.STATE, null, null);
        it.close();
        assertFalse(it.hasNext());
        it.close();
    }

    @Test
    void closedStoreRefusesWithStorageException() {
        KvIterator open = store.iterate(Column.STATE, null, null);
        store.close();
        assertThrows(StorageException.class, () -> store.get(Column.STATE, b(1)));
        assertThrows(StorageException.class, () -> store.iterate(Column.STATE, null, null));
        assertFalse(open.hasNext(), "an iterator left open is released by close()");
        open.close();
        store.close(); // idempotent
        store = openFresh();
    }

    @Test
    void schemaVersionIsStampedAndAMismatchIsRefused() {
        assertEquals(StoreSchema.VERSION, StoreSchema.checkOrInit(store));
        assertEquals(StoreSchema.VERSION, StoreSchema.checkOrInit(store));
        for (int older = StoreSchema.OLDEST_UPGRADABLE_VERSION; older < StoreSchema.VERSION; older++) {
            put(Column.META, StoreSchema.VERSION_KEY, ByteBuffer.allocate(4).putInt(older).array());
            assertEquals(older, StoreSchema.checkOrInit(store), "left for the chain to upgrade");
        }
        for (int other : new int[] {1, StoreSchema.VERSION + 1}) {
            put(Column.META, StoreSchema.VERSION_KEY, ByteBuffer.allocate(4).putInt(other).array());
            StorageException e = assertThrows(StorageException.class, () -> StoreSchema.checkOrInit(store));
            assertTrue(e.getMessage().contains("schema version " + other), e.getMessage());
        }
    }

    @Test
    void committedDataSurvivesReopen() {
        put(Column.STATE, b(4), b(4, 4));
        KvStore reopened = reopen(store);
        if (reopened == null) {
            return; // a volatile store: nothing to check
        }
        store = reopened;
        assertArrayEquals(b(4, 4), store.get(Column.STATE, b(4)).orElseThrow());
    }

    @Test
    @Timeout(30)
    void readersNeverSeeAHalfAppliedBatch() throws Exception {
        // the writer keeps keys 1 and 2 equal in every batch; snapshot readers must never see them differ
        AtomicReference<String> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + 2_000_000_000L;
        Thread reader = new Thread(() -> {
            while (System.nanoTime() < deadline && failure.get() == null) {
                try (KvIterator it = store.iterate(Column.STATE, null, null)) {
                    List<byte[]> values = new ArrayList<>();
                    it.forEachRemaining(e -> values.add(e.value()));
                    if (values.size() == 2 && !java.util.Arrays.equals(values.get(0), values.get(1))) {
                        failure.set("saw a torn batch");
                    }
                } catch (RuntimeException e) {
                    failure.set(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 2_000 && System.nanoTime() < deadline; i++) {
            byte[] v = ByteBuffer.allocate(4).putInt(i).array();
            try (WriteBatch wb = store.newBatch()) {
                wb.put(Column.STATE, b(1), v).put(Column.STATE, b(2), v).commit(Durability.BUFFERED);
            }
        }
        reader.join(10_000);
        assertFalse(reader.isAlive());
        assertEquals(null, failure.get());
    }
}
