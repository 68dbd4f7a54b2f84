package io.tally.p2p.yamux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The yamux session state machine of one connection, without I/O: frames come in through
 * {@link #onFrame}, bytes go out through the sink. A protocol violation throws
 * {@link YamuxException}; the caller then sends GoAway(1) and closes. Single-threaded (the
 * connection's event loop).
 */
public final class YamuxSession {
    public static final int GO_AWAY_NORMAL = 0;
    public static final int GO_AWAY_PROTOCOL_ERROR = 1;
    public static final int GO_AWAY_INTERNAL_ERROR = 2;

    /**
     * Limits: open streams, bytes queued per stream while the peer's window is shut, and our Data
     * frame size. The receive window is always the spec's 256 KiB; we never grant more, which is
     * what bounds inbound buffering.
     */
    public record Config(int maxStreams, int maxPendingBytesPerStream, int maxFrameBytes) {
        public static final int SPEC_INITIAL_WINDOW = 256 * 1024;

        public static Config defaults() {
            return new Config(256, 4 * 1024 * 1024, 64 * 1024);
        }
    }

    /** Chooses the protocol handler for a stream the peer opened; null refuses it (RST). */
    public interface Acceptor {
        StreamHandler accept(YamuxStream stream);
    }

    private final boolean client;
    private final Config config;
    private final Consumer<byte[]> sink;
    private final Acceptor acceptor;
    private final Map<Integer, YamuxStream> streams = new HashMap<>();
    private int nextId;
    private int lastRemoteId;
    private boolean goAway;
    private boolean closed;
    private int outstandingPing = -1;
    private long pingSentNanos;
    private Consumer<Long> pongListener = rtt -> { };

    public YamuxSession(boolean client, Config config, Consumer<byte[]> sink, Acceptor acceptor) {
        this.client = client;
        this.config = config;
        this.sink = sink;
        this.acceptor = acceptor;
        this.nextId = client ? 1 : 2;
    }

    public Config config() {
        return config;
    }

    public int streamCount() {
        return streams.size();
    }

    public boolean isGoingAway() {
        return goAway || closed;
    }

    public void onPong(Consumer<Long> listener) {
        this.pongListener = listener;
    }

    /** Opens an outbound stream (WindowUpdate|SYN, delta 0), or returns null if no more may be opened. */
    public YamuxStream open(StreamHandler handler) {
        if (goAway || closed || streams.size() >= config.maxStreams() || nextId < 0) {
            return null;
        }
        YamuxStream s = new YamuxStream(this, nextId, true, Config.SPEC_INITIAL_WINDOW);
        s.handler = handler;
        nextId += 2;
        streams.put(s.id(), s);
        sendFrame(YamuxFrame.header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN, s.id(), 0));
        return s;
    }

    /** Sends a keep-alive ping; returns false if the previous one is still unanswered. */
    public boolean ping(int opaque, long nowNanos) {
        if (closed) {
            return false;
        }
        if (outstandingPing >= 0) {
            return false;
        }
        outstandingPing = opaque & 0x7FFFFFFF;
        pingSentNanos = nowNanos;
        sendFrame(YamuxFrame.header(YamuxFrame.TYPE_PING, YamuxFrame.SYN, 0, outstandingPing));
        return true;
    }

    public boolean pingOutstanding() {
        return outstandingPing >= 0;
    }

    public void goAway(int code) {
        if (!goAway && !closed) {
            goAway = true;
            sendFrame(YamuxFrame.header(YamuxFrame.TYPE_GO_AWAY, 0, 0, code));
        }
    }

    /** Returns true when the peer sent GoAway and the connection should be closed. */
    public boolean onFrame(YamuxFrame f) {
        if (closed) {
            return false;
        }
        switch (f.type()) {
            case YamuxFrame.TYPE_PING -> onPing(f);
            case YamuxFrame.TYPE_GO_AWAY -> {
                goAway = true;
                return true;
            }
            case YamuxFrame.TYPE_DATA, YamuxFrame.TYPE_WINDOW_UPDATE -> onStreamFrame(f);
            default -> throw new YamuxException("unknown frame type " + f.type());
        }
        return false;
    }

    private void onPing(YamuxFrame f) {
        if (f.streamId() != 0) {
            throw new YamuxException("ping on stream " + f.streamId());
        }
        if (f.has(YamuxFrame.SYN)) {
            sendFrame(YamuxFrame.header(YamuxFrame.TYPE_PING, YamuxFrame.ACK, 0, f.length()));
        } else if (f.has(YamuxFrame.ACK)) {
            if (outstandingPing >= 0 && f.length() == outstandingPing) {
                outstandingPing = -1;
                pongListener.accept(System.nanoTime() - pingSentNanos);
            }
        } else {
            throw new YamuxException("ping without SYN or ACK");
        }
    }

    private void onStreamFrame(YamuxFrame f) {
        int id = f.streamId();
        if (id == 0) {
            throw new YamuxException("data or window update on session stream 0");
        }
        YamuxStream s = streams.get(id);
        if (f.has(YamuxFrame.SYN)) {
            if (s != null || !isRemoteParity(id) || Integer.compareUnsigned(id, lastRemoteId) <= 0) {
                throw new YamuxException("invalid or reused stream id " + Integer.toUnsignedString(id));
            }
            lastRemoteId = id;
            s = acceptInbound(id);
            if (s == null) {
                return;
            }
        }
        if (s == null) {
            return; // frames racing with our RST or close of this stream: ignored by design
        }
        if (f.type() == YamuxFrame.TYPE_DATA) {
            s.onData(f.data());
        } else {
            s.onWindowUpdate(f.length());
        }
        if (s.isClosed()) {
            return;
        }
        if (f.has(YamuxFrame.RST)) {
            terminate(s);
        } else if (f.has(YamuxFrame.FIN)) {
            s.onRemoteFin();
        }
    }

    private YamuxStream acceptInbound(int id) {
        if (goAway || streams.size() >= config.maxStreams()) {
            sendFrame(YamuxFrame.header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.RST, id, 0));
            return null;
        }
        YamuxStream s = new YamuxStream(this, id, false, Config.SPEC_INITIAL_WINDOW);
        s.handler = (stream, data) -> { };
        streams.put(id, s);
        sendFrame(YamuxFrame.header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.ACK, id, 0));
        StreamHandler h = acceptor.accept(s);
        if (h == null) {
            s.reset();
            return null;
        }
        s.handler = h;
        return s;
    }

    private boolean isRemoteParity(int id) {
        boolean odd = (id & 1) == 1;
        return client ? !odd : odd;
    }

    void sendFrame(byte[] frame) {
        if (!closed) {
            sink.accept(frame);
        }
    }

    void terminate(YamuxStream s) {
        if (s.closed) {
            return;
        }
        s.markClosed();
        streams.remove(s.id());
        s.handler.onClosed(s);
    }

    /** The connection is gone: every stream is closed and told so. */
    public void close() {
        if (closed) {
            return;
        }
        List<YamuxStream> all = new ArrayList<>(streams.values());
        closed = true;
        for (YamuxStream s : all) {
            terminate(s);
        }
        streams.clear();
    }
}
