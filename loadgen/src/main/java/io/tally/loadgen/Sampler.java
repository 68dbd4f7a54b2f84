package io.tally.loadgen;

import java.util.ArrayList;
import java.util.List;

/** Samples each node's resident memory once per period on a daemon thread. */
final class Sampler implements AutoCloseable {
    /** Seconds since the sampler started, and RSS in MiB per node (-1 when unreadable). */
    record Sample(double seconds, long[] rssMib) {}

    private final long[] pids;
    private final long periodMillis;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private final long start = System.nanoTime();

    Sampler(long[] pids, long periodMillis) {
        this.pids = pids.clone();
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::loop, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long[] rss = new long[pids.length];
                for (int i = 0; i < pids.length; i++) {
                    rss[i] = ProcStats.rssBytes(pids[i]).orElse(-1L << 20) >> 20;
                }
                synchronized (samples) {
                    samples.add(new Sample((System.nanoTime() - start) / 1e9, rss));
                }
                Thread.sleep(periodMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
    }
}
