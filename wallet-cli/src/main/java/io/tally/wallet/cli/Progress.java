package io.tally.wallet.cli;

import java.io.PrintWriter;

/**
 * A one-line spinner on stderr while waiting. Drawn only when stderr is a terminal, so logs and
 * pipes never receive carriage returns.
 */
final class Progress implements AutoCloseable {
    private static final String FRAMES = "|/-\\";
    private final PrintWriter err;
    private final boolean enabled;
    private int frame;
    private int lastLength;

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void update(String message) {
        if (!enabled) {
            return;
        }
        String line = FRAMES.charAt(frame++ % FRAMES.length()) + " " + message;
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    @Override
    public void close() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }
}
