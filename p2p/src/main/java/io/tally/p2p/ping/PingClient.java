package io.tally.p2p.ping;

import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.yamux.YamuxStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** One ping round trip on a fresh stream; the stream is closed afterwards. */
public final class PingClient implements ProtocolHandler {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CompletableFuture<Duration> result;
    private final byte[] payload = new byte[PingProtocol.PAYLOAD_BYTES];
    private final byte[] echo = new byte[PingProtocol.PAYLOAD_BYTES];
    private int filled;
    private long sentNanos;

    public PingClient(CompletableFuture<Duration> result) {
        this.result = result;
        RANDOM.nextBytes(payload);
    }

    @Override
    public void onNegotiated(YamuxStream stream) {
        sentNanos = System.nanoTime();
        stream.write(payload.clone());
    }

    @Override
    public void onData(YamuxStream stream, byte[] data) {
        int n = Math.min(data.length, echo.length - filled);
        System.arraycopy(data, 0, echo, filled, n);
        filled += n;
        if (filled < echo.length) {
            return;
        }
        if (Arrays.equals(echo, payload)) {
            result.complete(Duration.ofNanos(System.nanoTime() - sentNanos));
        } else {
            result.completeExceptionally(new io.tally.p2p.P2pException("ping echo mismatch"));
        }
        stream.closeWrite();
    }

    @Override
    public void onRefused(String reason) {
        result.completeExceptionally(new io.tally.p2p.P2pException("ping refused: " + reason));
    }

    @Override
    public void onClosed(YamuxStream stream) {
        result.completeExceptionally(new io.tally.p2p.P2pException("ping stream closed before the echo"));
    }
}
