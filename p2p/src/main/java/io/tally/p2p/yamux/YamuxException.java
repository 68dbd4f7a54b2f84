package io.tally.p2p.yamux;

import io.tally.p2p.P2pException;

/** The peer broke the yamux protocol; the whole session must be torn down with GoAway(1). */
public final class YamuxException extends P2pException {
    private static final long serialVersionUID = 1L;

    public YamuxException(String message) {
        super(message);
    }
}
