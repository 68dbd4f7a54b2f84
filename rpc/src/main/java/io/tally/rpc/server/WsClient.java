package io.tally.rpc.server;

import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.WriteCallback;

/**
 * One WebSocket connection: its subscriptions and the count of messages handed to Jetty but not yet
 * written to the socket. Jetty queues asynchronous sends without a bound, so this count is the
 * bound: past it the hub drops the client's subscriptions with a notice.
 */
final class WsClient {
    private final WsContext ctx;
    private final int sendBuffer;
    private final AtomicInteger inFlight = new AtomicInteger();
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    WsClient(WsContext ctx, int sendBuffer) {
        this.ctx = ctx;
        this.sendBuffer = sendBuffer;
    }

    /** True when the client's send buffer is full. */
    boolean congested() {
        return inFlight.get() >= sendBuffer;
    }

    /** Queues a text frame; returns false if the connection is gone. */
    boolean send(String text) {
        if (closed || !ctx.session.isOpen()) {
            return false;
        }
        if (inFlight.get() > 2 * sendBuffer) {
            // Not even reading its responses: a client cannot make the node queue without bound.
            close(1008, "client does not read its messages");
            return false;
        }
        inFlight.incrementAndGet();
        try {
            ctx.session.getRemote().sendString(text, new WriteCallback() {
                @Override
                public void writeFailed(Throwable x) {
                    inFlight.decrementAndGet();
                }

                @Override
                public void writeSuccess() {
                    inFlight.decrementAndGet();
                }
            });
            return true;
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            return false;
        }
    }

    void close(int code, String reason) {
        closed = true;
        try {
            ctx.closeSession(code, reason);
        } catch (RuntimeException e) {
            // already closing
        }
    }

    boolean isClosed() {
        return closed || !ctx.session.isOpen();
    }

    void markClosed() {
        closed = true;
    }
}
