package io.tally.p2p.reqresp;

import io.tally.p2p.PeerId;
import io.tally.p2p.RequestHandler;
import io.tally.p2p.multistream.PeerStreams;
import io.tally.p2p.multistream.ProtocolHandler;
import io.tally.p2p.wire.LengthPrefixedReader;
import io.tally.p2p.yamux.YamuxStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responder side of one exchange: reads a size-limited request, runs the handler on the callback
 * executor (it may block), and writes the response back on the event loop.
 */
public final class RequestServer implements ProtocolHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestServer.class);

    /** Per-peer admission of concurrently served requests. */
    public interface Admission {
        boolean tryAcquire();

        void release();
    }

    private final PeerStreams peer;
    private final RequestHandler handler;
    private final Executor executor;
    private final int maxResponseBytes;
    private final Admission admission;
    private final LengthPrefixedReader reader;
    private boolean received;

    public RequestServer(PeerStreams peer, RequestHandler handler, Executor executor, int maxRequestBytes,
                         int maxResponseBytes, Admission admission) {
        this.peer = peer;
        this.handler = handler;
        this.executor = executor;
        this.maxResponseBytes = maxResponseBytes;
        this.admission = admission;
        this.reader = new LengthPrefixedReader(maxRequestBytes);
    }

    @Override
    public void onNegotiated(YamuxStream stream) {}

    @Override
    public void onData(YamuxStream stream, byte[] data) {
        if (received) {
            return;
        }
        List<byte[]> frames = reader.feed(data);
        if (frames.isEmpty()) {
            return;
        }
        received = true;
        if (!admission.tryAcquire()) {
            stream.reset();
            return;
        }
        byte[] request = frames.get(0);
        PeerId from = peer.peer();
        try {
            executor.execute(() -> {
                byte[] frame = serve(from, request);
                peer.loop().execute(() -> {
                    admission.release();
                    if (!stream.isClosed()) {
                        stream.write(LengthPrefixedReader.frame(frame));
                        stream.closeWrite();
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            admission.release();
            stream.reset();
        }
    }

    private byte[] serve(PeerId from, byte[] request) {
        try {
            byte[] response = handler.handle(from, request);
            if (response == null) {
                response = new byte[0];
            }
            if (response.length > maxResponseBytes) {
                return ReqResp.response(ReqResp.STATUS_ERROR, "response too large".getBytes(StandardCharsets.UTF_8));
            }
            return ReqResp.response(ReqResp.STATUS_OK, response);
        } catch (Exception e) {
            LOG.debug("request handler failed for {}", from, e);
            String msg = String.valueOf(e.getMessage());
            byte[] reason = msg.getBytes(StandardCharsets.UTF_8);
            return ReqResp.response(ReqResp.STATUS_ERROR, Arrays.copyOf(reason, Math.min(reason.length, ReqResp.MAX_ERROR_BYTES)));
        }
    }

    @Override
    public void onRemoteClose(YamuxStream stream) {
        if (!received) {
            stream.reset(); // FIN before a whole request: nothing to answer
        }
    }
}
