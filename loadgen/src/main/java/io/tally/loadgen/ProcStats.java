package io.tally.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** CPU time and resident memory of a process, read from Linux {@code /proc}; empty elsewhere. */
final class ProcStats {
    /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    /** User + system CPU seconds consumed so far. */
    static OptionalLong cpuMillis(long pid) {
        try {
            return OptionalLong.of(cpuMillisOfStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** User + system CPU milliseconds in a {@code stat} line of a process or of one of its threads. */
    static long cpuMillisOfStat(String stat) {
        // The command name (field 2) may hold spaces; the fields after its ')' are fixed.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return (long) (ticks * 1000 / TICKS_PER_SECOND);
    }

    /** Resident set size in bytes (VmRSS). */
    static OptionalLong rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
