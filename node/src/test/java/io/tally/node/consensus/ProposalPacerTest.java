package io.tally.node.consensus;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProposalPacerTest {
    private static long millisOf(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void waitsOutTheIntervalAfterACommit() {
        ProposalPacer p = new ProposalPacer(150);
        p.committed();
        long waited = millisOf(() -> p.awaitTurn(() -> false));
        assertTrue(waited >= 140 && waited < 10_000, "waited " + waited + " ms");
        // The interval counts from the commit: a second turn right after does not wait again.
        assertTrue(millisOf(() -> p.awaitTurn(() -> false)) < 100);
    }

    @Test
    void aFullBlockWaitingEndsTheWaitAtOnce() {
        ProposalPacer p = new ProposalPacer(60_000);
        p.committed();
        AtomicInteger polls = new AtomicInteger();
        long waited = millisOf(() -> p.awaitTurn(() -> polls.incrementAndGet() >= 3));
        assertTrue(waited < 10_000, "waited " + waited + " ms");
        assertTrue(polls.get() >= 3);
    }

    @Test
    void zeroMeansProposeAtOnceAndNegativeIsRefused() {
        ProposalPacer p = new ProposalPacer(0);
        p.committed();
        assertTrue(millisOf(() -> p.awaitTurn(() -> false)) < 100);
        assertThrows(IllegalArgumentException.class, () -> new ProposalPacer(-1));
    }
}
