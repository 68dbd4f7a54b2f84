package io.tally.ledger.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Linux thread nice values, for LevelDB's compaction thread: like RocksDB's low-priority
 * compaction pool, it should take CPU the node's own threads leave idle rather than compete with
 * them. Its compactions come in bursts of seconds, and on a busy machine a burst on two or more
 * validators at once used to delay blocks by 250–900 ms (docs/benchmarks.md). Java has no call for
 * a thread's nice value, so this runs {@code renice} on the thread id; a thread created afterwards
 * by the reniced thread (LevelDB's native one) inherits the value. Everything here is best effort:
 * elsewhere than Linux, or without {@code renice}, nothing changes.
 */
final class ThreadNice {
    /** Nice value of the compaction thread: CFS gives it about a tenth of a normal thread's share. */
    static final int COMPACTION = 10;

    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadNice() {}

    /** Sets the calling thread's nice value; false if it could not (not Linux, no renice, not allowed). */
    static boolean setForCurrentThread(int nice) {
        OptionalLong tid = currentThreadId();
        if (tid.isEmpty()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(List.of("renice", "-n", Integer.toString(nice), "-p",
                Long.toString(tid.getAsLong())))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && niceOf(tid.getAsLong()).orElse(Integer.MIN_VALUE) == nice;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The kernel's id of the calling thread, from {@code /proc/thread-self} ("pid/task/tid"). */
    static OptionalLong currentThreadId() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return OptionalLong.of(Long.parseLong(link.getFileName().toString()));
        } catch (IOException | UnsupportedOperationException | NumberFormatException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    /** The nice value of thread {@code tid} of this process (field 19 of its stat). */
    static OptionalInt niceOf(long tid) {
        try {
            String stat = Files.readString(TASKS.resolve(Long.toString(tid)).resolve("stat"));
            // The name field is in parentheses and may contain spaces: count fields after it.
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(after[16]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** Ids of this process's threads whose kernel name (at most 15 characters) is {@code name}'s start. */
    static List<Long> threadsNamed(String name) {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip().equals(comm);
                } catch (IOException e) {
                    return false; // the thread ended meanwhile
                }
            }).map(t -> Long.parseLong(t.getFileName().toString())).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
