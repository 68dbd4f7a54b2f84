package io.tally.consensus;

import io.tally.crypto.Hash;

/**
 * The body of a PBFT message, before signing. Every message is about one height (the sequence
 * number) and one view. {@link #voteDigest()} is what makes two messages of the same kind, height
 * and view from one sender "the same vote": equal digests are duplicates, different digests are
 * equivocation.
 */
public sealed interface ConsensusMessage permits PrePrepare, Prepare, Commit, ViewChange, NewView {
    MessageKind kind();

    long height();

    long view();

    /** The digest a vote of this kind commits to (a block hash, or a hash of the content). */
    Hash voteDigest();

    static void checkHeightView(long height, long view) {
        if (height < 1) {
            throw new IllegalArgumentException("consensus runs for heights >= 1, got " + height);
        }
        if (view < 0) {
            throw new IllegalArgumentException("view must be non-negative, got " + view);
        }
    }
}
