package io.tally.p2p.yamux;

import java.util.ArrayDeque;

/**
 * One yamux stream. Outbound data is queued (bounded) and sent only within the peer's window;
 * inbound data is delivered to the handler and credit is returned once half the window was used.
 * All methods must run on the owning connection's event loop.
 */
public final class YamuxStream {
    private final YamuxSession session;
    private final int id;
    private final boolean outbound;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    StreamHandler handler;
    long sendWindow;
    long recvWindow;
    private long consumed;
    private int headOffset;
    private long pendingBytes;
    private boolean finRequested;
    boolean localFin;
    boolean remoteFin;
    boolean closed;
    private Object attachment;

    YamuxStream(YamuxSession session, int id, boolean outbound, long window) {
        this.session = session;
        this.id = id;
        this.outbound = outbound;
        this.sendWindow = window;
        this.recvWindow = window;
    }

    public int id() {
        return id;
    }

    public boolean isOutbound() {
        return outbound;
    }

    public boolean isClosed() {
        return closed;
    }

    public boolean isWriteClosed() {
        return closed || localFin || finRequested;
    }

    public boolean isRemoteClosed() {
        return remoteFin;
    }

    /** Bytes queued because the peer's window is exhausted. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /** Free-form slot for the protocol layer (e.g. which protocol was negotiated). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    public void setHandler(StreamHandler handler) {
        this.handler = handler;
    }

    /**
     * Queues bytes and sends what the peer's window allows. Returns false (queuing nothing) when
     * the stream is closed for writing or its queue would exceed the per-stream bound: the caller
     * decides whether to drop the message or reset the stream.
     */
    public boolean write(byte[] data) {
        if (isWriteClosed()) {
            return false;
        }
        if (pendingBytes + data.length > session.config().maxPendingBytesPerStream()) {
            return false;
        }
        if (data.length == 0) {
            return true;
        }
        pending.add(data);
        pendingBytes += data.length;
        flush();
        return true;
    }

    /** Half-close: FIN goes out after the queued data. */
    public void closeWrite() {
        if (isWriteClosed()) {
            return;
        }
        finRequested = true;
        flush();
    }

    /** Abort both directions now. */
    public void reset() {
        if (closed) {
            return;
        }
        session.sendFrame(YamuxFrame.header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.RST, id, 0));
        session.terminate(this);
    }

    void flush() {
        int maxFrame = session.config().maxFrameBytes();
        while (!pending.isEmpty() && sendWindow > 0 && !closed) {
            byte[] head = pending.peek();
            int n = (int) Math.min(Math.min(head.length - headOffset, sendWindow), maxFrame);
            byte[] frame = new byte[YamuxFrame.HEADER_BYTES + n];
            System.arraycopy(YamuxFrame.header(YamuxFrame.TYPE_DATA, 0, id, n), 0, frame, 0, YamuxFrame.HEADER_BYTES);
            System.arraycopy(head, headOffset, frame, YamuxFrame.HEADER_BYTES, n);
            session.sendFrame(frame);
            sendWindow -= n;
            pendingBytes -= n;
            headOffset += n;
            if (headOffset == head.length) {
                pending.poll();
                headOffset = 0;
            }
        }
        if (finRequested && pending.isEmpty() && !localFin && !closed) {
            localFin = true;
            session.sendFrame(YamuxFrame.header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FIN, id, 0));
            if (remoteFin) {
                session.terminate(this);
            }
        }
    }

    void onData(byte[] data) {
        if (data.length > recvWindow) {
            throw new YamuxException("stream " + id + " exceeded its receive window");
        }
        recvWindow -= data.length;
        if (remoteFin || data.length == 0) {
            return; // late data after FIN is dropped; its credit is not returned
        }
        try {
            handler.onData(this, data);
        } catch (io.tally.p2p.wire.DecodeException e) {
            // Malformed protocol bytes poison this stream only; the rest of the connection lives on.
            reset();
            return;
        }
        consumed += data.length;
        long window = YamuxSession.Config.SPEC_INITIAL_WINDOW;
        if (!closed && consumed >= window / 2) {
            session.sendFrame(YamuxFrame.header(YamuxFrame.TYPE_WINDOW_UPDATE, 0, id, consumed));
            recvWindow += consumed;
            consumed = 0;
        }
    }

    void onWindowUpdate(long delta) {
        sendWindow += delta;
        if (sendWindow > 0xFFFFFFFFL) {
            throw new YamuxException("stream " + id + " send window overflow");
        }
        flush();
    }

    void onRemoteFin() {
        if (remoteFin) {
            return;
        }
        remoteFin = true;
        handler.onRemoteClose(this);
        if (localFin && !closed) {
            session.terminate(this);
        }
    }

    void markClosed() {
        closed = true;
        pending.clear();
        pendingBytes = 0;
    }
}
