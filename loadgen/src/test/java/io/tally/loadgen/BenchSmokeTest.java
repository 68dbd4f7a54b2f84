package io.tally.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the real benchmark: one validator process started from this test's class path,
 * a modest open-loop rate, and the promise the benchmark exists to check: nothing acknowledged is
 * lost, and transactions do commit.
 */
class BenchSmokeTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shortOpenLoopRunCommitsEverythingItWasAcknowledged(@TempDir Path dir) throws Exception {
        NodeLauncher launcher = NodeLauncher.classpath(System.getProperty("java.class.path"),
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        BenchConfig config = new BenchConfig(1, 10, 2, 20, 300, 1000, 500, 100, 2, dir.resolve("net"), launcher,
            BenchCommand.DEFAULT_CHAIN_ID, 2000, 4 << 20, 2000, 0.3, 100_000, 1, 5);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        BenchResult r = new BenchRunner(config, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        String context = progress.toString(StandardCharsets.UTF_8) + "\nproblems: " + r.problems();
        assertEquals(0, r.accounting().lost(), context);
        assertEquals(0, r.accounting().rejected(), context);
        assertTrue(r.problems().isEmpty(), context);
        assertTrue(r.accounting().acknowledged() >= 300 * 10, "acknowledged " + r.accounting().acknowledged());
        assertEquals(r.accounting().acknowledged(), r.accounting().committed(), context);
        // Offered 300/s for 10 s: the window must see roughly that committed (generous bounds on a busy CI box).
        assertTrue(r.throughput().committedPerSecond() > 150, "committed/s " + r.throughput().committedPerSecond());
        assertTrue(r.latency().count() > 0 && r.latency().p50() > 0, "latency " + r.latency());
        assertEquals(r.latency().count(), r.admission().count(), "admission of the same transactions");
        assertTrue(r.admission().max() <= r.latency().max(), "acknowledged before committed " + r.admission());
        assertEquals(0, r.blocks().viewChanges(), "view changes");
        assertEquals(2, r.intervals().size(), "two 5-second rows in the 10-second window");
        assertEquals(r.latency().count(), r.intervals().stream().mapToLong(i -> i.latency().count()).sum(),
            "every measured transaction in exactly one row");
        assertEquals(r.throughput().committedPerSecond(),
            r.intervals().stream().mapToDouble(IntervalSeries.Interval::committedPerSecond).average().orElse(0), 0.2);
        assertTrue(r.nodes().get(0).rssMaxMib() > 0, "RSS read from /proc");
        // the ceiling, measured before and after the run, is the faster of the two
        BenchResult.CeilingResult c = r.ceiling();
        assertTrue(c.before() > 0 && c.after() > 0, "ceiling " + c);
        assertEquals(Math.max(c.before(), c.after()), c.verifiesPerSecond(), 0.01);
        assertEquals(r.throughput().committedPerSecond() / c.perValidatorSet(), r.throughput().ratio(), 0.001);

        Path json = dir.resolve("result.json");
        BenchCommand.writeJson(r, json);
        assertTrue(Files.readString(json).contains("\"lost\" : 0"), "JSON result written");
    }
}
