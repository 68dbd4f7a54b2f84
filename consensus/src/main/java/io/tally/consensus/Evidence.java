package io.tally.consensus;

import java.util.Objects;

/**
 * Proof of equivocation: two validly signed messages from one validator, same kind, height and
 * view, different vote digests. Anyone can re-check it with the validator's public key.
 */
public record Evidence(SignedMessage first, SignedMessage second) {
    public Evidence {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.sender() != second.sender() || first.body().kind() != second.body().kind()
                || first.body().height() != second.body().height() || first.body().view() != second.body().view()) {
            throw new IllegalArgumentException("evidence must be two messages of one sender, kind, height and view");
        }
        if (first.body().voteDigest().equals(second.body().voteDigest())) {
            throw new IllegalArgumentException("the two messages do not conflict");
        }
    }

    public int validatorIndex() {
        return first.sender();
    }
}
