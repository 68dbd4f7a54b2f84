package io.tally.consensus;

/** Why an incoming message was not used. Each reason has a counter. */
public enum DropReason {
    OVERSIZE,
    MALFORMED,
    NON_VALIDATOR,
    OWN_SENDER,
    STALE,
    DUPLICATE,
    FAR_FUTURE,
    BUFFER_FULL,
    BAD_SIGNATURE,
    NOT_PRIMARY,
    INVALID_PROPOSAL,
    INVALID_JUSTIFICATION,
    EQUIVOCATION,
    WRONG_STATE
}
