package io.tally.devnet;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Every wait in the e2e tests: a condition polled until a deadline. A condition that throws (a node
 * that is down refuses the connection) counts as "not yet"; the last exception is reported if the
 * deadline passes, so a failure says what was being waited for and what stood in the way.
 */
final class Poll {
    static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /** Waits until {@code condition} is true; fails with {@code what} at the deadline. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until {@code probe} yields a value and returns it. */
    static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                Optional<T> v = probe.get();
                if (v.isPresent()) {
                    return v.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for "
                    + what + (last == null ? "" : " (last error: " + last + ")"));
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            pause();
        }
    }

    /**
     * The bounded negative check: {@code invariant} must hold at every poll during {@code period}
     * (and at its end). Used only where "nothing happens" is the property under test.
     */
    static void holdsFor(String what, Duration period, BooleanSupplier invariant) {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!invariant.getAsBoolean()) {
                throw new AssertionError("expected throughout " + period.toSeconds() + " s, but broke: " + what);
            }
            pause();
        } while (System.nanoTime() - end < 0);
        if (!invariant.getAsBoolean()) {
            throw new AssertionError("expected throughout " + period.toSeconds() + " s, but broke at the end: " + what);
        }
    }

    /** The poll interval; parking, not a sleep used as synchronisation. */
    static void pause() {
        LockSupport.parkNanos(INTERVAL.toNanos());
    }
}
