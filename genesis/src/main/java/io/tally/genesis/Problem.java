package io.tally.genesis;

import java.util.Objects;

/**
 * One thing wrong with an input file: where (a JSON path such as {@code validators[2].publicKey},
 * empty for the file as a whole) and what, in words an operator can act on.
 */
public record Problem(String path, String message) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, or just the message for the file as a whole. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
