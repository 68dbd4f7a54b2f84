package io.tally.loadgen;

import java.util.Arrays;

/** Percentiles of a latency (submit→commit, submit→acknowledgement), in milliseconds. */
record Latency(long count, double p50, double p95, double p99, double max, double mean) {
    static Latency of(long[] nanos, int n) {
        if (n == 0) {
            return new Latency(0, 0, 0, 0, 0, 0);
        }
        long[] s = Arrays.copyOf(nanos, n);
        Arrays.sort(s);
        double sum = 0;
        for (long v : s) {
            sum += v;
        }
        return new Latency(n, ms(pick(s, 0.50)), ms(pick(s, 0.95)), ms(pick(s, 0.99)), ms(s[n - 1]), ms(sum / n));
    }

    /** Nearest-rank percentile. */
    private static long pick(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
