package io.tally.p2p;

/** The remote's proven identity is not on the allowlist; the connection was closed after Noise. */
public final class PeerNotAllowedException extends P2pException {
    private static final long serialVersionUID = 1L;

    public PeerNotAllowedException(PeerId peer) {
        super("peer " + peer + " is not on the allowlist");
    }
}
