package io.tally.p2p;

/** Base of every error this module reports about the network or a peer (never a programmer error). */
public class P2pException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public P2pException(String message) {
        super(message);
    }

    public P2pException(String message, Throwable cause) {
        super(message, cause);
    }
}
