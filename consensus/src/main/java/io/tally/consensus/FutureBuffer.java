package io.tally.consensus;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Messages for a later height or view, kept until this replica gets there. Bounded per sender, so
 * one flooding validator fills only its own share; a full share drops the new message.
 */
final class FutureBuffer {
    private final int perSender;
    private final int[] counts;
    private final List<SignedMessage> messages = new ArrayList<>();

    FutureBuffer(int validators, int perSender) {
        this.perSender = perSender;
        this.counts = new int[validators];
    }

    /** False when the sender's share is full. */
    boolean add(SignedMessage m) {
        if (counts[m.sender()] >= perSender) {
            return false;
        }
        counts[m.sender()]++;
        messages.add(m);
        return true;
    }

    /** Removes and returns, in arrival order, the messages {@code ready} accepts. */
    List<SignedMessage> take(Predicate<SignedMessage> ready) {
        List<SignedMessage> out = new ArrayList<>();
        for (Iterator<SignedMessage> it = messages.iterator(); it.hasNext();) {
            SignedMessage m = it.next();
            if (ready.test(m)) {
                it.remove();
                counts[m.sender()]--;
                out.add(m);
            }
        }
        return out;
    }

    int size() {
        return messages.size();
    }
}
