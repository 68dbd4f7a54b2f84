package io.tally.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tally.ledger.store.LevelDbStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM commits blocks in a loop and is killed with SIGKILL at random moments; after each
 * kill the reopened store must hold every block the child reported committed, complete, and
 * nothing partial of the next one.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 5;
    private static final long CHILD_LIMIT_MILLIS = 60_000;
    private static final long WAIT_MILLIS = 30_000;

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void killedCommitterLeavesTheLastCommittedBlockCompleteAndNothingPartial() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path dir = tmp.resolve("chain");
        GenesisState genesis = CrashCommitter.fixture().genesis;
        long reported = 0;
        List<String> log = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int blocksBeforeKill = 1 + random.nextInt(6);
            long spinNanos = random.nextInt(25_000_000);
            Process child = start(dir, round);
            BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
            Thread pump = pump(child, lines);
            try {
                int seen = 0;
                long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
                while (seen < blocksBeforeKill) {
                    String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (line == null) {
                        fail("seed " + seed + ": child produced no commit in time; stderr: " + stderr(round));
                    }
                    if (line.startsWith("committed ")) {
                        reported = Math.max(reported, Long.parseLong(line.substring(10)));
                        seen++;
                    }
                }
                // kill at a random point of a later block: spin on the clock, no sleeping
                long killAt = System.nanoTime() + spinNanos;
                while (System.nanoTime() < killAt) {
                    Thread.onSpinWait();
                }
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS), "child did not die");
                pump.join(WAIT_MILLIS);
            }
            // lines printed between the last poll and the kill were also durable commits
            for (String line = lines.poll(); line != null; line = lines.poll()) {
                if (line.startsWith("committed ")) {
                    reported = Math.max(reported, Long.parseLong(line.substring(10)));
                }
            }
            long head;
            try (LevelDbStore store = LevelDbStore.open(dir)) {
                head = ChainIntegrity.check(store, genesis);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " round " + round + ": " + e.getMessage(), e);
            }
            log.add("round " + round + ": reported " + reported + ", head " + head);
            assertTrue(head >= reported, "seed " + seed + ": block " + reported + " was reported committed but the head is " + head);
            assertTrue(head <= reported + 1, "seed " + seed + ": head " + head + " beyond what the child could have committed");
        }
        System.out.println("crash rounds (seed " + seed + "): " + log);
        assertTrue(reported >= ROUNDS, "too few commits overall: " + log);
    }

    private Process start(Path dir, int round) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashCommitter.class.getName(),
                dir.toString(), "1000", Long.toString(CHILD_LIMIT_MILLIS));
        pb.redirectError(tmp.resolve("stderr-" + round + ".txt").toFile());
        return pb.start();
    }

    private static Thread pump(Process child, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!lines.offer(line)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the child was killed: its pipe closes
            }
        }, "crash-child-stdout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private String stderr(int round) {
        try {
            return Files.readString(tmp.resolve("stderr-" + round + ".txt"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
