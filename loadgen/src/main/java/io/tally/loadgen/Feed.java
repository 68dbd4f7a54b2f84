package io.tally.loadgen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out plan indices to send, keeping each account's nonces gap-free as a careful wallet
 * would: when a node refuses a transaction with a retryable error, its account is <em>stalled</em>
 * — its later transactions are held back — and only the lowest held-back nonce is resent until a
 * node accepts it. Without this an open loop leaves nonce gaps that strand accepted successors in
 * the mempools (and, when the pools are full, deadlocks them).
 */
final class Feed {
    private final int size;
    private final int accounts;
    private final AtomicInteger cursor = new AtomicInteger();
    private volatile boolean newStopped;
    /** Held-back indices per stalled account; the first is the one being retried. */
    private final Map<Integer, TreeSet<Integer>> stalled = new ConcurrentHashMap<>();
    /** Stalled accounts whose first index may be sent now (not already in flight). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Integer> ready = new java.util.concurrent.ConcurrentLinkedQueue<>();

    Feed(int size, int accounts) {
        this.size = size;
        this.accounts = accounts;
    }

    /** Up to {@code max} indices: retries first, then new ones; empty when nothing is left to send. */
    int[] next(int max) {
        int[] out = new int[max];
        int n = 0;
        Integer account;
        while (n < max && (account = ready.poll()) != null) {
            TreeSet<Integer> held = stalled.get(account);
            if (held != null) {
                synchronized (held) {
                    if (!held.isEmpty()) {
                        out[n++] = held.first();
                    }
                }
            }
        }
        while (n < max && !newStopped) {
            int i = cursor.getAndUpdate(c -> Math.min(size, c + 1));
            if (i >= size) {
                break;
            }
            if (!holdBack(i)) {
                out[n++] = i;
            }
        }
        return n == max ? out : Arrays.copyOf(out, n);
    }

    /** A retryable refusal of {@code index}: stall its account and resend it later. */
    void retry(int index) {
        int account = index % accounts;
        TreeSet<Integer> held = stalled.computeIfAbsent(account, a -> new TreeSet<>());
        synchronized (held) {
            held.add(index);
        }
        ready.add(account);
    }

    /**
     * {@code index} is settled (accepted, or given up): if its account was stalled on it, release
     * the next held-back one.
     */
    void settled(int index) {
        int account = index % accounts;
        TreeSet<Integer> held = stalled.get(account);
        if (held == null) {
            return;
        }
        synchronized (held) {
            if (!held.remove(index)) {
                return;
            }
            if (held.isEmpty()) {
                stalled.remove(account, held);
                return;
            }
        }
        ready.add(account);
    }

    private boolean holdBack(int index) {
        TreeSet<Integer> held = stalled.get(index % accounts);
        if (held == null) {
            return false;
        }
        synchronized (held) {
            if (stalled.get(index % accounts) != held) {
                return false; // released meanwhile
            }
            held.add(index);
            return true;
        }
    }

    /** From now on only held-back transactions are handed out (the drain after the load). */
    void stopNew() {
        newStopped = true;
    }

    boolean nothingHeld() {
        return stalled.isEmpty();
    }

    /** How many plan entries have been handed out at least once. */
    int issued() {
        return cursor.get();
    }

    /** Transactions held back or waiting to be resent. */
    int held() {
        int n = 0;
        for (TreeSet<Integer> h : stalled.values()) {
            synchronized (h) {
                n += h.size();
            }
        }
        return n;
    }

    List<Integer> stalledAccounts() {
        return new ArrayList<>(stalled.keySet());
    }

    boolean exhausted() {
        return cursor.get() >= size && stalled.isEmpty();
    }
}
