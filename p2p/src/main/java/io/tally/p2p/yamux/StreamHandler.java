package io.tally.p2p.yamux;

/** Receives one yamux stream's events, always on the connection's event loop. */
public interface StreamHandler {
    /** Payload bytes in order. Throwing {@link io.tally.p2p.wire.DecodeException} resets the stream. */
    void onData(YamuxStream stream, byte[] data);

    /** The peer half-closed (FIN): no more data will arrive. */
    default void onRemoteClose(YamuxStream stream) {}

    /** The stream is gone: reset by either side, or the connection closed. Called at most once. */
    default void onClosed(YamuxStream stream) {}
}
