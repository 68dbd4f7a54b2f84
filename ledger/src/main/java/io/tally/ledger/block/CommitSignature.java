package io.tally.ledger.block;

import io.tally.crypto.Signature;
import java.util.Objects;

/** One validator's commit signature, identified by its index in the validator set. */
public record CommitSignature(int validatorIndex, Signature signature) {
    public CommitSignature {
        if (validatorIndex < 0 || validatorIndex >= ValidatorSet.MAX_VALIDATORS) {
            throw new IllegalArgumentException("validator index out of range: " + validatorIndex);
        }
        Objects.requireNonNull(signature, "signature");
    }
}
