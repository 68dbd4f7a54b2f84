package io.tally.ledger.codec;

/**
 * The one error a decoder may throw for bad input. {@link #reason()} is stable for programs;
 * the message is for people.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why decoding failed. */
    public enum Reason {
        TRUNCATED,
        TRAILING_BYTES,
        OVERSIZE,
        NON_CANONICAL,
        UNKNOWN_TYPE,
        UNSUPPORTED_VERSION,
        INVALID_VALUE
    }

    private final Reason reason;

    public DecodeException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
