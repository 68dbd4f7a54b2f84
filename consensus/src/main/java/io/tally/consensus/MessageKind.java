package io.tally.consensus;

import java.util.Optional;

/** The five PBFT message types; the code is the wire tag and part of every signed byte string. */
public enum MessageKind {
    PRE_PREPARE(1),
    PREPARE(2),
    COMMIT(3),
    VIEW_CHANGE(4),
    NEW_VIEW(5);

    private final int code;

    MessageKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<MessageKind> fromCode(int code) {
        for (MessageKind k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
