package io.tally.ledger.exec;

import java.util.Optional;

/**
 * The outcome of an executed transaction. Every status other than {@link #SUCCESS} is a failure
 * that consumed the sender's nonce and changed nothing else. Codes are part of the stored and
 * RPC format: never renumber.
 */
public enum ReceiptStatus {
    SUCCESS(0, "success"),
    /** The transfer amount exceeds the sender's balance. */
    INSUFFICIENT_BALANCE(1, "insufficient balance"),
    /** A transfer to the sender itself: forbidden so that a transfer always moves value between two accounts. */
    SELF_TRANSFER(2, "transfer to self"),
    /** The recipient's balance would exceed 2^63-1 base units. */
    RECIPIENT_OVERFLOW(3, "recipient balance would overflow");

    private final int code;
    private final String description;

    ReceiptStatus(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public boolean isSuccess() {
        return this == SUCCESS;
    }

    public static Optional<ReceiptStatus> fromCode(int code) {
        for (ReceiptStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
