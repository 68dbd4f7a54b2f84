package io.tally.node.consensus;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spaces a primary's proposals: building the next block waits until {@code minInterval} has passed
 * since this node committed the previous one, unless a full block is already waiting. Why: every
 * block costs each validator a fixed amount of work (PBFT message signatures, three fsyncs, a
 * certificate), so at moderate load back-to-back blocks of a few transactions spend most of the CPU
 * on that overhead and raise latency for everyone; a short floor lets a block collect what arrives
 * meanwhile. Under heavy load blocks are full and nothing waits. Thread-safe.
 */
final class ProposalPacer {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final long minIntervalNanos;
    private volatile long lastCommitNanos = System.nanoTime();

    ProposalPacer(long minIntervalMillis) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("minimum block interval must not be negative");
        }
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
    }

    void committed() {
        lastCommitNanos = System.nanoTime();
    }

    /** Returns once the interval has passed or {@code fullBlockWaiting} says there is no point waiting. */
    void awaitTurn(BooleanSupplier fullBlockWaiting) {
        long due = lastCommitNanos + minIntervalNanos;
        long left;
        while ((left = due - System.nanoTime()) > 0 && !fullBlockWaiting.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(left, POLL_NANOS));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
