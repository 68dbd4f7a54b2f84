package io.tally.consensus;

import io.tally.crypto.Hash;
import io.tally.crypto.Signature;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Verified votes of one kind at the current height, by (view, digest) then sender. */
final class VoteTally {
    record Slot(long view, Hash digest) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot o) {
            int c = Long.compare(view, o.view);
            return c != 0 ? c : digest.compareTo(o.digest);
        }
    }

    private final TreeMap<Slot, TreeMap<Integer, Signature>> votes = new TreeMap<>();

    void add(long view, Hash digest, int sender, Signature signature) {
        votes.computeIfAbsent(new Slot(view, digest), k -> new TreeMap<>()).putIfAbsent(sender, signature);
    }

    NavigableMap<Integer, Signature> get(long view, Hash digest) {
        TreeMap<Integer, Signature> m = votes.get(new Slot(view, digest));
        return m == null ? new TreeMap<>() : m;
    }

    NavigableMap<Slot, TreeMap<Integer, Signature>> all() {
        return votes;
    }

    void pruneViewsBelow(long view) {
        votes.entrySet().removeIf(e -> e.getKey().view() < view);
    }

    void clear() {
        votes.clear();
    }

    int slots() {
        int n = 0;
        for (Map.Entry<Slot, TreeMap<Integer, Signature>> e : votes.entrySet()) {
            n += e.getValue().size();
        }
        return n;
    }
}
