package io.tally.ledger.exec;

/** A proposed or received block breaks a validity rule; the message names the rule and the values. */
public final class InvalidBlockException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which rule was broken. */
    public enum Reason {
        WRONG_CHAIN,
        WRONG_HEIGHT,
        WRONG_PREVIOUS_HASH,
        TIMESTAMP_BEFORE_PARENT,
        WRONG_VALIDATOR_SET,
        PROPOSER_NOT_A_VALIDATOR,
        TOO_MANY_TRANSACTIONS,
        TX_ROOT_MISMATCH,
        INVALID_TRANSACTION,
        STATE_ROOT_MISMATCH
    }

    private final Reason reason;

    public InvalidBlockException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
