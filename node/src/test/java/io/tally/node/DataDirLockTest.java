package io.tally.node;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void secondLockOnTheSameDirectoryIsRefusedUntilTheFirstIsReleased() throws Exception {
        try (DataDirLock first = DataDirLock.acquire(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirLock.acquire(dir));
            assertTrue(e.getMessage().contains("in use by another node process"), e.getMessage());
        }
        DataDirLock.acquire(dir).close();
    }
}
