package io.tally.loadgen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The measured window cut into equal intervals: transactions committed per second (by commit time)
 * and submit→commit latency of the transactions submitted in each interval. One percentile over a
 * whole run cannot tell a steady network from one that fell behind once (a cold start, a stall)
 * and spent minutes draining the backlog; this series can.
 */
final class IntervalSeries {
    /** {@code startSeconds} from the window's start; latency of the transactions submitted in it. */
    record Interval(double startSeconds, double committedPerSecond, Latency latency) {}

    private final long windowStart;
    private final long windowEnd;
    private final long intervalNanos;
    private final long[] committed;
    private final long[][] latencies;
    private final int[] counts;

    private static final long MAX_INTERVALS = 10_000;

    /** {@code intervalNanos} is clamped to the window (a short run has one interval) and to 10,000 intervals. */
    IntervalSeries(long windowStart, long windowEnd, long intervalNanos) {
        if (windowEnd <= windowStart || intervalNanos <= 0) {
            throw new IllegalArgumentException("empty window or interval");
        }
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        long window = windowEnd - windowStart;
        this.intervalNanos = Math.max(Math.min(intervalNanos, window), (window + MAX_INTERVALS - 1) / MAX_INTERVALS);
        int n = (int) ((window + this.intervalNanos - 1) / this.intervalNanos);
        committed = new long[n];
        latencies = new long[n][16];
        counts = new int[n];
    }

    /** A transaction committed at {@code commitNanos}; ignored outside the window. */
    void committed(long commitNanos) {
        int i = index(commitNanos);
        if (i >= 0) {
            committed[i]++;
        }
    }

    /** A transaction submitted at {@code submitNanos} in the window took {@code latencyNanos} to commit. */
    void latency(long submitNanos, long latencyNanos) {
        int i = index(submitNanos);
        if (i < 0) {
            return;
        }
        if (counts[i] == latencies[i].length) {
            latencies[i] = Arrays.copyOf(latencies[i], counts[i] * 2);
        }
        latencies[i][counts[i]++] = latencyNanos;
    }

    private int index(long nanos) {
        long offset = nanos - windowStart;
        if (offset < 0 || nanos >= windowEnd) {
            return -1;
        }
        return (int) (offset / intervalNanos);
    }

    List<Interval> intervals() {
        List<Interval> out = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            long start = i * intervalNanos;
            // The last interval ends with the window and may be shorter.
            double seconds = Math.min(intervalNanos, windowEnd - windowStart - start) / 1e9;
            out.add(new Interval(Math.round(start / 1e8) / 10.0, Math.round(committed[i] / seconds * 10) / 10.0,
                Latency.of(latencies[i], counts[i])));
        }
        return out;
    }
}
