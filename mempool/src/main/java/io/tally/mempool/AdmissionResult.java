package io.tally.mempool;

import io.tally.crypto.Hash;
import java.util.Objects;

/**
 * The outcome of offering a transaction to the pool. {@code hash} is null only when the bytes could
 * not be decoded; {@code code} and {@code reason} are set only for {@link Outcome#REJECTED}.
 * {@code accountNonce} is the committed nonce seen during the check (for nonce errors), else -1.
 */
public record AdmissionResult(Outcome outcome, Hash hash, RejectCode code, String reason, long accountNonce) {

    /** The three kinds of outcome. */
    public enum Outcome {
        ACCEPTED,
        /** Already in the pool (same hash): not an error for gossip, reported as "already known" to clients. */
        DUPLICATE,
        REJECTED
    }

    public AdmissionResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.REJECTED) != (code != null)) {
            throw new IllegalArgumentException("a reject code goes with, and only with, REJECTED");
        }
    }

    public static AdmissionResult accepted(Hash hash) {
        return new AdmissionResult(Outcome.ACCEPTED, hash, null, null, -1);
    }

    public static AdmissionResult duplicate(Hash hash) {
        return new AdmissionResult(Outcome.DUPLICATE, hash, null, "transaction is already pending", -1);
    }

    public static AdmissionResult rejected(Hash hash, RejectCode code, String reason) {
        return new AdmissionResult(Outcome.REJECTED, hash, code, reason, -1);
    }

    public static AdmissionResult rejected(Hash hash, RejectCode code, String reason, long accountNonce) {
        return new AdmissionResult(Outcome.REJECTED, hash, code, reason, accountNonce);
    }

    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
