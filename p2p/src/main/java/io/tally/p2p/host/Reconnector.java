package io.tally.p2p.host;

import io.tally.p2p.Multiaddr;
import io.tally.p2p.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Keeps configured peers connected: dials each one when it is not connected, doubling the delay
 * after every failure up to a cap (with jitter so two nodes do not redial in lock-step), and
 * restarting from the minimum once it connected. Runs on the host's event loop.
 */
final class Reconnector {
    private static final long TICK_MILLIS = 100;

    private final ScheduledExecutorService loop;
    private final Function<Multiaddr, CompletableFuture<PeerId>> dial;
    private final Predicate<PeerId> connected;
    private final long minNanos;
    private final long maxNanos;
    private final List<Target> targets = new ArrayList<>();
    private ScheduledFuture<?> ticker;

    private static final class Target {
        final Multiaddr address;
        final PeerId peer;
        long delayNanos;
        long nextAttemptNanos;
        boolean inFlight;

        Target(Multiaddr address, long delayNanos) {
            this.address = address;
            this.peer = address.peerId().orElseThrow();
            this.delayNanos = delayNanos;
        }
    }

    Reconnector(ScheduledExecutorService loop, List<Multiaddr> peers, Duration min, Duration max,
                Function<Multiaddr, CompletableFuture<PeerId>> dial, Predicate<PeerId> connected) {
        this.loop = loop;
        this.dial = dial;
        this.connected = connected;
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        for (Multiaddr m : peers) {
            targets.add(new Target(m, minNanos));
        }
    }

    void start() {
        if (!targets.isEmpty()) {
            ticker = loop.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    void onDisconnected(PeerId peer) {
        long now = System.nanoTime();
        for (Target t : targets) {
            if (t.peer.equals(peer)) {
                t.nextAttemptNanos = now + jitter(minNanos);
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (Target t : targets) {
            if (t.inFlight || connected.test(t.peer) || now - t.nextAttemptNanos < 0) {
                continue;
            }
            t.inFlight = true;
            dial.apply(t.address).whenComplete((p, e) -> loop.execute(() -> {
                t.inFlight = false;
                if (e == null) {
                    t.delayNanos = minNanos;
                } else {
                    t.nextAttemptNanos = System.nanoTime() + jitter(t.delayNanos);
                    t.delayNanos = Math.min(maxNanos, t.delayNanos * 2);
                }
            }));
        }
    }

    private static long jitter(long nanos) {
        return nanos + ThreadLocalRandom.current().nextLong(Math.max(1, nanos / 5));
    }
}
