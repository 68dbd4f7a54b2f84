package io.tally.p2p;

/**
 * Serves one request/response protocol. Runs on the configured callback executor, so it may block;
 * the returned bytes are the response (an empty array is a bare acknowledgement). Throwing sends
 * an error status to the requester, whose future then fails with {@link RequestFailedException}.
 */
@FunctionalInterface
public interface RequestHandler {
    byte[] handle(PeerId from, byte[] request) throws Exception;
}
