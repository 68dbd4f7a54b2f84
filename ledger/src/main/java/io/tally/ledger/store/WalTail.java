package io.tally.ledger.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Trims the one kind of damage a crash leaves in LevelDB's write-ahead log: a last record the
 * process died while writing. Such a record belongs to a batch whose commit never returned, so
 * dropping it loses nothing acknowledged. It takes two forms. The LevelDB inside leveldbjni 1.8
 * writes its log through a memory map that it extends ahead of the data, so after a kill the file
 * ends in zeros: a record whose header was copied but not all of its payload fails its checksum,
 * with its payload's end and everything after it still zero ("checksum mismatch"). Where the file
 * was not extended, the record is cut short by the end of the file ("bad record length", "partial
 * record without end"). With paranoid checks on, LevelDB refuses to open in both cases; this
 * drops such a record (and the zeros) before LevelDB reads the file, as RocksDB's
 * kTolerateCorruptedTailRecords recovery does. Anything else (a bad checksum with data after it, a
 * broken fragment sequence) is left alone for LevelDB to report: that is real corruption. The
 * price: damage to the very last record after it was synced that happened to zero its end would
 * also be taken for a torn write, and that block fetched again from peers.
 *
 * <p>Log format (LevelDB's doc/log_format.md): 32 KiB blocks of records
 * {@code masked crc32c (4, LE) ‖ length (2, LE) ‖ type (1) ‖ payload}; a block's last < 7 bytes are
 * zero padding; a logical record is one FULL record or FIRST, MIDDLE..., LAST.
 */
final class WalTail {
    static final int BLOCK = 32 * 1024;
    static final int HEADER = 7;
    private static final int FULL = 1;
    private static final int FIRST = 2;
    private static final int MIDDLE = 3;
    private static final int LAST = 4;

    private WalTail() {}

    /** Trims every log file in {@code dir}; returns one line per file trimmed (empty if none). */
    static List<String> trimTornTails(Path dir) throws IOException {
        List<String> trimmed = new ArrayList<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        for (Path log : logs) {
            byte[] bytes = Files.readAllBytes(log);
            int keep = intactLength(bytes);
            if (keep < bytes.length) {
                try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                    ch.truncate(keep);
                    ch.force(true);
                }
                trimmed.add(log.getFileName() + ": dropped the last " + (bytes.length - keep)
                        + " bytes, a write torn by a crash (a batch that was never committed)");
            }
        }
        return trimmed;
    }

    /**
     * The length {@code log} should have: the end of its last complete logical record when all that
     * follows is a record torn by a crash (cut short by the end of the file, or failing its checksum
     * with its end and all after it zero) or an unfinished fragment sequence; otherwise its whole
     * length.
     */
    static int intactLength(byte[] log) {
        int n = log.length;
        int dataEnd = n;
        while (dataEnd > 0 && log[dataEnd - 1] == 0) {
            dataEnd--;
        }
        int pos = 0;
        int lastComplete = 0;
        boolean inFragment = false;
        while (true) {
            int blockLeft = BLOCK - pos % BLOCK;
            if (blockLeft < HEADER) {
                if (pos + blockLeft > n) {
                    return lastComplete; // the padding itself was cut short
                }
                pos += blockLeft;
                continue;
            }
            if (pos >= dataEnd) {
                // the end of the file, or the zeros the writer's memory map extended it by
                return inFragment ? lastComplete : n;
            }
            if (pos + HEADER > n) {
                return lastComplete; // header cut short
            }
            int length = (log[pos + 4] & 0xFF) | (log[pos + 5] & 0xFF) << 8;
            int type = log[pos + 6] & 0xFF;
            int end = pos + HEADER + length;
            if (length > blockLeft - HEADER) {
                return n; // no record crosses a block boundary: a damaged header, not a cut
            }
            if (end > n) {
                return lastComplete; // payload cut short
            }
            if (!checksumMatches(log, pos, length)) {
                // torn in the map: its payload's end, and everything after it, still zeros
                return end > dataEnd ? lastComplete : n;
            }
            switch (type) {
                case FULL -> {
                    if (inFragment) {
                        return n;
                    }
                    lastComplete = end;
                }
                case FIRST -> {
                    if (inFragment) {
                        return n;
                    }
                    inFragment = true;
                }
                case MIDDLE -> {
                    if (!inFragment) {
                        return n;
                    }
                }
                case LAST -> {
                    if (!inFragment) {
                        return n;
                    }
                    inFragment = false;
                    lastComplete = end;
                }
                default -> {
                    return n;
                }
            }
            pos = end;
        }
    }

    private static boolean checksumMatches(byte[] log, int pos, int length) {
        int stored = (log[pos] & 0xFF) | (log[pos + 1] & 0xFF) << 8 | (log[pos + 2] & 0xFF) << 16 | (log[pos + 3] & 0xFF) << 24;
        CRC32C crc = new CRC32C();
        crc.update(log, pos + 6, 1 + length); // type byte, then payload
        int c = (int) crc.getValue();
        int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
        return masked == stored;
    }
}
