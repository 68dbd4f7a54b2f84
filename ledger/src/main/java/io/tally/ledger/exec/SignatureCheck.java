package io.tally.ledger.exec;

/** Whether {@link BlockValidator} must verify transaction signatures itself. */
public enum SignatureCheck {
    /** Verify every signature (a block from a peer). */
    VERIFY,
    /** The caller already verified them (for example at admission into its own pool). */
    ALREADY_VERIFIED
}
