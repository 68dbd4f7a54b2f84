package io.tally.devnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay for one directed p2p link (node i dials node j through it), which the test can
 * <em>clog</em>: while clogged it moves no bytes in either direction, and nothing is lost — on
 * unclogging the held-back bytes flow on, as TCP retransmission does after a short partition.
 * Clogging rather than cutting keeps the encrypted streams intact and makes healing immediate
 * (no redial back-off); partitions shorter than the peers' keep-alive timeout look exactly like
 * this on a real network.
 */
final class LinkProxy implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final String name;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean clogged;
    private volatile boolean closed;

    LinkProxy(String name, int listenPort, int targetPort) throws IOException {
        this.name = name;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        daemon("proxy-accept-" + name, this::acceptLoop).start();
    }

    void clog() {
        synchronized (gate) {
            clogged = true;
        }
    }

    void unclog() {
        synchronized (gate) {
            clogged = false;
            gate.notifyAll();
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (clogged && !closed) {
                gate.wait();
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = server.accept();
                Socket out;
                try {
                    out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    in.close(); // the target is down: the dialer sees a refused link, as without a proxy
                    continue;
                }
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                sockets.add(in);
                sockets.add(out);
                daemon("proxy-" + name + "-fwd", () -> pump(in, out)).start();
                daemon("proxy-" + name + "-back", () -> pump(out, in)).start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                awaitOpen();
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                awaitOpen();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // either side closed (a node was killed) or the proxy is closing
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        unclog();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(this::closeQuietly);
    }
}
