package io.tally.wallet;

/**
 * An operating error the user can act on: bad input, unreachable node, missing key. The CLI prints
 * its message as one line on stderr and exits with status 1.
 */
public class WalletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WalletException(String message) {
        super(message, null, false, false);
    }

    public WalletException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
