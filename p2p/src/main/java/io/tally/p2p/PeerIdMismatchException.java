package io.tally.p2p;

/** The remote proved (via Noise) an identity other than the one the dialled /p2p address named. */
public final class PeerIdMismatchException extends P2pException {
    private static final long serialVersionUID = 1L;

    public PeerIdMismatchException(PeerId expected, PeerId actual) {
        super("expected peer " + expected + " but the remote proved " + actual);
    }
}
