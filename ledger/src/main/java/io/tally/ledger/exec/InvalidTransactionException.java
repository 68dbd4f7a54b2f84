package io.tally.ledger.exec;

/**
 * A transaction that may not appear in a block at this point: a block containing it is invalid,
 * and a proposer must skip it. Nothing was changed when this is thrown.
 */
public final class InvalidTransactionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the transaction cannot be included. */
    public enum Reason {
        /** The transaction names another chain. */
        WRONG_CHAIN,
        /** The nonce is not the sender's next nonce (replay, gap or reordering). */
        BAD_NONCE,
        /** The sender's nonce reached 2^63-1 and cannot advance. */
        NONCE_EXHAUSTED,
        /** The signature does not verify (found by {@link SignatureVerifier}). */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public InvalidTransactionException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
