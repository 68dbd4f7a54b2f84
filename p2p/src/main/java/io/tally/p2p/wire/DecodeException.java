package io.tally.p2p.wire;

import io.tally.p2p.P2pException;

/**
 * Malformed bytes from the network. Every decoder in this module throws this (and only this) on bad
 * input, so a connection handler can drop the offending peer without ever crashing the node.
 */
public final class DecodeException extends P2pException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
