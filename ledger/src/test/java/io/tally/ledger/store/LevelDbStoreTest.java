package io.tally.ledger.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class LevelDbStoreTest extends KvStoreContract {
    @TempDir
    Path tmp;

    private int opened;

    @Override
    protected KvStore openFresh() {
        return LevelDbStore.open(tmp.resolve("db" + (opened++)));
    }

    @Override
    protected KvStore reopen(KvStore old) {
        Path dir = ((LevelDbStore) old).directory();
        old.close();
        return LevelDbStore.open(dir);
    }

    @Test
    void levelDbsBackgroundThreadCarriesItsOwnNameSoItsCpuIsAttributedToStorage() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
        // Linux keeps the first 15 characters of a thread name; threadsNamed compares exactly those.
        assertFalse(ThreadNice.threadsNamed(LevelDbStore.BACKGROUND_THREAD_NAME).isEmpty(),
            "no thread named " + LevelDbStore.BACKGROUND_THREAD_NAME);
    }

    @Test
    void levelDbsCompactionThreadRunsAtALowerCpuPriorityThanTheNodesThreads() throws Exception {
        Assumptions.assumeTrue(ThreadNice.currentThreadId().isPresent(), "Linux /proc/thread-self only");
        long self = ThreadNice.currentThreadId().getAsLong();
        Assumptions.assumeTrue(ThreadNice.niceOf(self).orElse(-1) == 0, "the test JVM runs at nice 0");
        assertEquals(ThreadNice.COMPACTION, LevelDbStore.compactionThreadNice().orElseThrow(),
            "LevelDB's compaction thread inherits the nice value of the thread that started it");

        // The mechanism itself, on a throwaway thread: its nice value changes and only its own.
        int[] seen = new int[1];
        Thread t = new Thread(() -> {
            boolean ok = ThreadNice.setForCurrentThread(15);
            seen[0] = ok ? ThreadNice.niceOf(ThreadNice.currentThreadId().getAsLong()).orElse(-1) : -1;
        });
        t.start();
        t.join(10_000);
        assertEquals(15, seen[0]);
        assertEquals(0, ThreadNice.niceOf(self).orElseThrow());
        assertTrue(ThreadNice.threadsNamed("no-such-thread-anywhere").isEmpty());
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefusedClearly() {
        Path dir = ((LevelDbStore) store).directory();
        StorageException e = assertThrows(StorageException.class, () -> LevelDbStore.open(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("another node process"), e.getMessage());
    }

    @Test
    void corruptDatabaseIsRefusedClearly() throws IOException {
        Path dir = ((LevelDbStore) store).directory();
        try (WriteBatch wb = store.newBatch()) {
            wb.put(Column.STATE, b(1), b(1)).commit(Durability.SYNCED);
        }
        store.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("MANIFEST")).toList()) {
                Files.write(f, "garbage that is not a manifest".getBytes(StandardCharsets.US_ASCII));
            }
        }
        StorageException e = assertThrows(StorageException.class, () -> LevelDbStore.open(dir));
        assertTrue(e.getMessage().contains("cannot open LevelDB at " + dir), e.getMessage());
        store = openFresh();
    }

    @ParameterizedTest(name = "memory-mapped log: {0}")
    @ValueSource(booleans = {false, true})
    void aWriteTornByACrashIsDroppedWholeAndTheStoreStillOpens(boolean mapped) throws IOException {
        // A process killed while writing a large batch leaves the log's last record torn: cut short
        // by the end of the file, or (leveldbjni's LevelDB writes the log through a memory map
        // extended ahead of the data) with the rest of the record and the map's slack still zeros.
        // That batch never returned from commit, so recovery must drop it whole and open.
        Path dir = ((LevelDbStore) store).directory();
        try (WriteBatch wb = store.newBatch()) {
            wb.put(Column.STATE, b(1), b(1)).commit(Durability.SYNCED);
        }
        byte[] big = new byte[100];
        try (WriteBatch wb = store.newBatch()) {
            for (int i = 0; i < 2_000; i++) {
                wb.put(Column.SMT_NODE, new byte[] {(byte) (i >> 8), (byte) i}, big);
            }
            wb.put(Column.STATE, b(1), b(2));
            wb.commit(Durability.SYNCED);
        }
        store.close();
        Path log;
        try (Stream<Path> files = Files.list(dir)) {
            log = files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
        }
        long size = Files.size(log);
        assertTrue(size > 200_000, "the big batch is in the log: " + size);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
            if (mapped) {
                ch.write(java.nio.ByteBuffer.allocate(50_000 + 64 * 1024), size - 50_000);
            } else {
                ch.truncate(size - 50_000); // inside the big batch, past its first 32 KiB fragment
            }
        }
        store = LevelDbStore.open(dir);
        assertEquals(1, ((LevelDbStore) store).recoveryNotes().size(), "the repair is reported");
        assertArrayEquals(b(1), store.get(Column.STATE, b(1)).orElseThrow(), "the earlier batch survives");
        assertTrue(store.get(Column.SMT_NODE, new byte[] {0, 0}).isEmpty(), "nothing of the torn batch is applied");
        try (WriteBatch wb = store.newBatch()) {
            wb.put(Column.STATE, b(3), b(3)).commit(Durability.SYNCED);
        }
        store = reopen(store);
        assertArrayEquals(b(3), store.get(Column.STATE, b(3)).orElseThrow(), "writable and durable after recovery");
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsRefusedClearly() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        StorageException e = assertThrows(StorageException.class, () -> LevelDbStore.open(file));
        assertTrue(e.getMessage().contains("not-a-dir"), e.getMessage());
    }
}
