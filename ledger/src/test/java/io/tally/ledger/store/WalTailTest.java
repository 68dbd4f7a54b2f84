package io.tally.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WalTail} on a real LevelDB log: small batches (FULL records) and large ones (fragmented). */
class WalTailTest {
    @TempDir
    Path tmp;

    private byte[] log;

    @BeforeEach
    void writeALog() throws IOException {
        Path dir = tmp.resolve("db");
        Random r = new Random(7);
        try (LevelDbStore store = LevelDbStore.open(dir)) {
            for (int batch = 0; batch < 12; batch++) {
                int entries = batch % 3 == 0 ? 900 : 3; // every third batch spans several 32 KiB blocks
                try (WriteBatch wb = store.newBatch()) {
                    for (int i = 0; i < entries; i++) {
                        byte[] v = new byte[100];
                        r.nextBytes(v);
                        wb.put(Column.STATE, new byte[] {(byte) batch, (byte) (i >> 8), (byte) i}, v);
                    }
                    wb.commit(Durability.SYNCED);
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
            log = Files.readAllBytes(newest);
        }
        assertTrue(log.length > 4 * WalTail.BLOCK, "the log spans several blocks: " + log.length);
    }

    @Test
    void anIntactLogIsKeptWhole() {
        assertEquals(log.length, WalTail.intactLength(log));
    }

    @Test
    void aLogCutAnywhereIsTrimmedToACompleteRecordAtOrBeforeTheCut() {
        int previous = 0;
        for (int cut = 0; cut <= log.length; cut += 97) {
            byte[] prefix = Arrays.copyOf(log, cut);
            int keep = WalTail.intactLength(prefix);
            assertTrue(keep <= cut, "never longer than the file");
            assertTrue(keep >= previous, "a longer prefix never keeps less");
            assertEquals(keep, WalTail.intactLength(Arrays.copyOf(log, keep)), "what is kept is itself intact");
            previous = keep;
        }
        assertTrue(previous > log.length - 2 * WalTail.BLOCK, "most of the log is kept: " + previous);
    }

    @Test
    void aCutInsideTheLastBatchDropsThatBatchWhole() {
        // the log ends with a 900-entry batch (batch 9 of 12 was the last large one; 10 and 11 are small)
        int cut = log.length - 200;
        int keep = WalTail.intactLength(Arrays.copyOf(log, cut));
        assertTrue(keep < cut, "the torn record goes");
        assertTrue(keep > 0, "the complete records before it stay");
        byte[] torn = Arrays.copyOf(log, log.length - 3 * WalTail.BLOCK); // inside the large batch 9
        int kept = WalTail.intactLength(torn);
        assertTrue(kept < torn.length - WalTail.BLOCK, "back to before the fragmented batch: " + kept + " of " + torn.length);
    }

    @Test
    void damageBeforeTheEndIsLeftForLevelDbToReport() {
        byte[] damaged = log.clone();
        damaged[WalTail.BLOCK + 100] ^= 0x10; // inside a record in the second block, with more records after it
        assertEquals(damaged.length, WalTail.intactLength(damaged));
    }

    @Test
    void aRecordTornInTheMemoryMapIsDroppedLikeACutOne() {
        // the writer maps the file ahead of the data: a kill mid-copy leaves the header, part of the
        // payload and zeros up to the mapped end
        for (int missing : new int[] {1, 150, 3_000, 2 * WalTail.BLOCK + 5}) {
            byte[] torn = Arrays.copyOf(log, log.length + 40_000);
            Arrays.fill(torn, log.length - missing, log.length, (byte) 0);
            int keep = WalTail.intactLength(torn);
            assertEquals(WalTail.intactLength(Arrays.copyOf(log, log.length - missing)), keep, "missing " + missing);
            assertTrue(keep < log.length - missing && keep > 0, "missing " + missing + ": kept " + keep);
        }
    }

    @Test
    void zerosAfterTheLastCompleteRecordAreLeftForLevelDbToSkip() {
        byte[] mapped = Arrays.copyOf(log, log.length + 70_000);
        assertEquals(mapped.length, WalTail.intactLength(mapped));
    }

    @Test
    void aDamagedLastRecordThatDoesNotEndInZerosIsLeftAlone() {
        assertTrue(log[log.length - 1] != 0, "the log's last byte is random data");
        byte[] damaged = log.clone();
        damaged[damaged.length - 20] ^= 0x01;
        assertEquals(damaged.length, WalTail.intactLength(damaged));
        byte[] mapped = Arrays.copyOf(damaged, damaged.length + 5_000);
        assertEquals(mapped.length, WalTail.intactLength(mapped), "zeros after it do not make it torn");
    }
}
