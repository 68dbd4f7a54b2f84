package io.tally.p2p.ping;

/** {@code /ipfs/ping/1.0.0}: the dialer sends 32 random bytes, the listener echoes them. */
public final class PingProtocol {
    public static final String PROTOCOL_ID = "/ipfs/ping/1.0.0";
    public static final int PAYLOAD_BYTES = 32;

    private PingProtocol() {}
}
