package io.tally.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The messages this replica signed, by (height, view, kind): the in-memory mirror of the durable
 * vote store. At most one message per slot, which is what makes double-signing impossible.
 */
final class VoteLog {
    record Slot(long height, long view, MessageKind kind) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot o) {
            int c = Long.compare(height, o.height);
            if (c == 0) {
                c = Long.compare(view, o.view);
            }
            return c != 0 ? c : kind.compareTo(o.kind);
        }
    }

    private final TreeMap<Slot, SignedMessage> votes = new TreeMap<>();

    Optional<SignedMessage> get(long height, long view, MessageKind kind) {
        return Optional.ofNullable(votes.get(new Slot(height, view, kind)));
    }

    void put(SignedMessage m) {
        Slot slot = new Slot(m.body().height(), m.body().view(), m.body().kind());
        SignedMessage prior = votes.get(slot);
        if (prior != null && !prior.body().voteDigest().equals(m.body().voteDigest())) {
            throw new IllegalStateException("conflicting own vote for " + slot);
        }
        votes.put(slot, m);
    }

    /** The highest view this replica asked to change to at {@code height}, or -1. */
    long maxViewChange(long height) {
        long max = -1;
        for (Map.Entry<Slot, SignedMessage> e : at(height).entrySet()) {
            if (e.getKey().kind() == MessageKind.VIEW_CHANGE) {
                max = Math.max(max, e.getKey().view());
            }
        }
        return max;
    }

    /** Highest view of a non-view-change vote at {@code height}, or -1. */
    long maxParticipatedView(long height) {
        long max = -1;
        for (Map.Entry<Slot, SignedMessage> e : at(height).entrySet()) {
            if (e.getKey().kind() != MessageKind.VIEW_CHANGE) {
                max = Math.max(max, e.getKey().view());
            }
        }
        return max;
    }

    List<SignedMessage> list(long height) {
        return new ArrayList<>(at(height).values());
    }

    private Map<Slot, SignedMessage> at(long height) {
        return votes.subMap(new Slot(height, 0, MessageKind.values()[0]), true,
            new Slot(height, Long.MAX_VALUE, MessageKind.values()[MessageKind.values().length - 1]), true);
    }

    void pruneBelow(long height) {
        votes.headMap(new Slot(height, 0, MessageKind.values()[0]), false).clear();
    }
}
