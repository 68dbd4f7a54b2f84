package io.tally.p2p.host;

import io.tally.p2p.P2pConfig;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.identity.HostKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Test fixture: keys and hosts on 127.0.0.1, and condition polling with a deadline (no sleeps). */
final class TestNet implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    final List<P2pHost> hosts = new ArrayList<>();

    static byte[] seed() {
        byte[] s = new byte[32];
        RANDOM.nextBytes(s);
        return s;
    }

    static PeerId idOf(byte[] seed) {
        return HostKey.fromSeed(seed).peerId();
    }

    static P2pConfig.Builder config(byte[] seed) {
        return P2pConfig.builder(seed).listen("/ip4/127.0.0.1/tcp/0").reconnect(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    P2pHost start(P2pConfig config) {
        P2pHost h = P2pHost.start(config);
        hosts.add(h);
        return h;
    }

    static void await(BooleanSupplier cond, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cond.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        if (!cond.getAsBoolean()) {
            throw new AssertionError("timed out waiting for: " + what);
        }
    }

    @Override
    public void close() {
        for (P2pHost h : hosts) {
            h.close();
        }
    }
}
