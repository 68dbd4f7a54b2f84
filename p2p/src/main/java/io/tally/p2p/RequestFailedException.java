package io.tally.p2p;

/** A request did not produce a response: peer unreachable, protocol refused, timeout, or remote error. */
public final class RequestFailedException extends P2pException {
    private static final long serialVersionUID = 1L;

    public RequestFailedException(String message) {
        super(message);
    }

    public RequestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
