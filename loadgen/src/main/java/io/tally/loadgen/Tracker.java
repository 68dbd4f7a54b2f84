package io.tally.loadgen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to each planned transaction: when it was first sent,
 * whether the node acknowledged it, and when its block was seen. Written by the submitter threads
 * and the commit watcher; read for the results after both stopped.
 */
final class Tracker {
    static final int UNSENT = 0;
    static final int SENT = 1;
    static final int ACKED = 2;
    static final int REJECTED = 3;

    /** One block seen on the subscription, with the local time it arrived. */
    record BlockSeen(long height, long arrivalNanos, int txCount, int oursCount) {}

    private final AtomicLongArray submitNanos;
    private final AtomicLongArray commitNanos;
    private final AtomicLongArray ackNanos;
    private final AtomicIntegerArray state;
    private final AtomicIntegerArray attempts;
    final LongAdder acked = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    final AtomicLong committed = new AtomicLong();
    /** Transactions sent and not yet committed or refused: the closed loop's window. */
    final AtomicLong outstanding = new AtomicLong();
    final Map<Integer, LongAdder> rejectCodes = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> retryCodes = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<BlockSeen> blocks = new ConcurrentLinkedQueue<>();

    Tracker(int size) {
        submitNanos = new AtomicLongArray(size);
        commitNanos = new AtomicLongArray(size);
        ackNanos = new AtomicLongArray(size);
        state = new AtomicIntegerArray(size);
        attempts = new AtomicIntegerArray(size);
    }

    int size() {
        return state.length();
    }

    /** An attempt to send {@code i}; the first attempt's {@code nanos} is its submit time (latency starts there). */
    int sent(int i, long nanos) {
        submitNanos.compareAndSet(i, 0, nanos);
        state.compareAndSet(i, UNSENT, SENT);
        return attempts.incrementAndGet(i);
    }

    void acked(int i) {
        ackNanos.compareAndSet(i, 0, System.nanoTime());
        if (state.getAndSet(i, ACKED) != ACKED) {
            acked.increment();
        }
    }

    void rejected(int i, int code) {
        state.set(i, REJECTED);
        rejected.increment();
        rejectCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
        outstanding.decrementAndGet();
    }

    void willRetry(int code) {
        retries.increment();
        retryCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
        outstanding.decrementAndGet();
    }

    /** Returns true the first time transaction {@code i} is seen in a block. */
    boolean committed(int i, long nanos) {
        if (commitNanos.compareAndSet(i, 0, nanos)) {
            committed.incrementAndGet();
            outstanding.decrementAndGet();
            return true;
        }
        return false;
    }

    boolean isCommitted(int i) {
        return commitNanos.get(i) != 0;
    }

    int attempts(int i) {
        return attempts.get(i);
    }

    int state(int i) {
        return state.get(i);
    }

    long submitNanos(int i) {
        return submitNanos.get(i);
    }

    /** When a node first acknowledged {@code i}, or 0. */
    long ackNanos(int i) {
        return ackNanos.get(i);
    }

    long commitNanos(int i) {
        return commitNanos.get(i);
    }
}
