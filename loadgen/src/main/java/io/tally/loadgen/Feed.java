package io.tally.loadgen;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out plan indices to send: transactions to retry first (so an account's nonces stay close
 * to in order), then the next ones of the plan.
 */
final class Feed {
    private final int size;
    private final AtomicInteger cursor = new AtomicInteger();
    private final ConcurrentLinkedDeque<Integer> retry = new ConcurrentLinkedDeque<>();

    Feed(int size) {
        this.size = size;
    }

    /** Up to {@code max} indices; empty when the plan is used up and nothing waits for a retry. */
    int[] next(int max) {
        int[] out = new int[max];
        int n = 0;
        Integer r;
        while (n < max && (r = retry.pollFirst()) != null) {
            out[n++] = r;
        }
        if (n < max) {
            int want = max - n;
            int from = cursor.getAndUpdate(c -> Math.min(size, c + want));
            for (int i = from; i < Math.min(size, from + want); i++) {
                out[n++] = i;
            }
        }
        return n == max ? out : java.util.Arrays.copyOf(out, n);
    }

    void retry(int index) {
        retry.addLast(index);
    }

    /** How many plan entries have been handed out at least once. */
    int issued() {
        return cursor.get();
    }

    boolean exhausted() {
        return cursor.get() >= size && retry.isEmpty();
    }
}
