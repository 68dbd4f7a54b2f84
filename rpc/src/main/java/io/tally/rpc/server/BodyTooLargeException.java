package io.tally.rpc.server;

/** A request body went past the configured limit while being read. */
final class BodyTooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes", null, false, false);
    }
}
