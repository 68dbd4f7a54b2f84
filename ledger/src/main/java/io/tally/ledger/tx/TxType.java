package io.tally.ledger.tx;

import java.util.Optional;

/** Transaction types and their one-byte wire codes. */
public enum TxType {
    /** Move an amount from the sender's account to another address. */
    TRANSFER(1),
    /** Store a value under a key in the sender's namespace (document anchoring, notarisation). */
    RECORD(2);

    private final int code;

    TxType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<TxType> fromCode(int code) {
        for (TxType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
