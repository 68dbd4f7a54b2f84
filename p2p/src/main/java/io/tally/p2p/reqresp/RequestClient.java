package io.tally.p2p.reqresp;

import io.tally.p2p.RequestFailedException;
import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.wire.LengthPrefixedReader;
import io.tally.p2p.yamux.YamuxStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Requester side of one exchange. The host arms the timeout, which resets the stream. */
public final class RequestClient implements ProtocolHandler {
    private final byte[] request;
    private final CompletableFuture<byte[]> result;
    private final LengthPrefixedReader reader;
    private YamuxStream stream;

    public RequestClient(byte[] request, int maxResponseBytes, CompletableFuture<byte[]> result) {
        this.request = request;
        this.result = result;
        this.reader = new LengthPrefixedReader(maxResponseBytes + 1);
    }

    @Override
    public void onNegotiated(YamuxStream s) {
        this.stream = s;
        if (!s.write(LengthPrefixedReader.frame(request))) {
            result.completeExceptionally(new RequestFailedException("request exceeds the stream queue bound"));
            s.reset();
            return;
        }
        s.closeWrite();
    }

    @Override
    public void onData(YamuxStream s, byte[] data) {
        List<byte[]> frames = reader.feed(data);
        if (frames.isEmpty() || result.isDone()) {
            return;
        }
        byte[] f = frames.get(0);
        ReqResp.requireStatus(f);
        byte[] body = Arrays.copyOfRange(f, 1, f.length);
        if (f[0] == ReqResp.STATUS_OK) {
            result.complete(body);
        } else {
            result.completeExceptionally(new RequestFailedException("remote error: " + new String(body, StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void onRemoteClose(YamuxStream s) {
        if (!result.isDone()) {
            result.completeExceptionally(new RequestFailedException("stream closed without a response"));
        }
        s.closeWrite();
    }

    @Override
    public void onRefused(String reason) {
        result.completeExceptionally(new RequestFailedException("protocol refused: " + reason));
    }

    @Override
    public void onClosed(YamuxStream s) {
        if (!result.isDone()) {
            result.completeExceptionally(new RequestFailedException("stream reset before the response"));
        }
    }

    /** Called by the host's timer. */
    public void cancel() {
        if (stream != null) {
            stream.reset();
        }
    }
}
