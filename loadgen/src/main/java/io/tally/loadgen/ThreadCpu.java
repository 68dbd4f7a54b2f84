package io.tally.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a node process split by what its threads do, from Linux {@code /proc/PID/task}: the
 * node names its threads by role, so the split shows where the cost per transaction goes without
 * a profiler (JFR's samples over-weight threads that wait for a core). Empty elsewhere.
 */
final class ThreadCpu {
    /** Role groups in the order they are printed. */
    static final List<String> GROUPS =
        List.of("verify", "consensus", "validate", "storage", "p2p", "rpc", "gossip", "gc", "jit", "other");

    private ThreadCpu() {}

    /** Group of a thread by its name (Linux truncates names to 15 characters). */
    static String group(String name) {
        if (name.startsWith("mempool-verify")) {
            return "verify";
        }
        if (name.startsWith("consensus-work")) {
            return "validate";
        }
        if (name.startsWith("consensus")) {
            return "consensus";
        }
        if (name.startsWith("leveldb")) {
            return "storage"; // LevelDB's background compaction thread (LevelDbStore names it)
        }
        if (name.startsWith("p2p")) {
            return "p2p";
        }
        if (name.startsWith("rpc") || name.startsWith("qtp") || name.startsWith("JettyServerThre")) {
            return "rpc";
        }
        if (name.startsWith("tx-gossip")) {
            return "gossip";
        }
        if (name.startsWith("VM Thread") || name.startsWith("GC Thread")) {
            return "gc";
        }
        if (name.matches("C[12] CompilerThre.*")) {
            return "jit";
        }
        return "other";
    }

    /** CPU milliseconds so far per group; empty if {@code /proc} cannot be read. */
    static Map<String, Long> millisByGroup(long pid) {
        Map<String, Long> out = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    out.merge(group(name), ProcStats.cpuMillisOfStat(stat), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read: its time is lost, which
                    // only matters for short-lived threads.
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /** Per group, the CPU milliseconds between two readings. */
    static Map<String, Long> delta(Map<String, Long> start, Map<String, Long> end) {
        Map<String, Long> out = new TreeMap<>();
        end.forEach((g, v) -> out.put(g, Math.max(0, v - start.getOrDefault(g, 0L))));
        return out;
    }
}
