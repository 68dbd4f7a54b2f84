package io.tally.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the plan as JSON-RPC batches of {@code tally_sendRawTransaction}, round-robin over the
 * nodes, from {@code connections} worker threads (one HTTP connection each at a time). Open loop:
 * a pacer releases batches at the offered rate whatever happens to them. Closed loop: workers
 * send whenever fewer than {@code window} transactions are outstanding.
 *
 * <p>Answers: a hash is an acknowledgement; "mempool full / workers saturated" (-32005), "nonce
 * gap" (-32004, an earlier nonce of the account is being retried) and server timeouts (-32009)
 * are retried; "already known" with our hash counts as acknowledged; anything else is a rejection.
 *
 * <p>Latency starts at a transaction's first attempt: in the open loop at the time the pacer
 * scheduled its batch, not when a worker got round to sending it, so a slow answer from a node
 * delays the clock of the batches queued behind it instead of hiding them (no coordinated
 * omission); in the closed loop when it is first sent. Retries keep the first attempt's time.
 */
final class Submitter {
    static final int MEMPOOL_FULL = -32005;
    static final int NONCE_GAP = -32004;
    static final int NONCE_TOO_LOW = -32003;
    static final int ALREADY_KNOWN = -32007;
    static final int SERVER_TIMEOUT = -32009;
    static final int TRANSPORT = 0;
    private static final int MAX_ATTEMPTS = 500;
    private static final int REQUEST_SECONDS = 30;

    private final TxPlan plan;
    private final Tracker tracker;
    private final Feed feed;
    private final List<URI> nodes;
    private final int connections;
    private final int batchSize;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger nextNode = new AtomicInteger();
    /** Batches the open-loop pacer could not hand to a free worker in time: offered load not met. */
    final LongAdder lateBatches = new LongAdder();
    final LongAdder batchesSent = new LongAdder();

    Submitter(TxPlan plan, int accounts, Tracker tracker, List<URI> nodes, int connections, int batchSize) {
        this.plan = plan;
        this.tracker = tracker;
        this.feed = new Feed(plan.size(), accounts);
        this.nodes = List.copyOf(nodes);
        this.connections = connections;
        this.batchSize = batchSize;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    }

    int issued() {
        return feed.issued();
    }

    boolean planExhausted() {
        return feed.exhausted();
    }

    /**
     * Offers {@code rate} transactions per second until {@code endNanos}, ramping up linearly from a
     * tenth of it until {@code rampEndNanos}. Why a ramp: a cold network (JIT, caches) cannot take
     * the full rate at once, and the backlog it builds would be measured for the rest of the run
     * as latency of a warm network.
     */
    void runOpenLoop(double rate, long rampEndNanos, long endNanos) throws InterruptedException {
        // Small batches at low rates so batching does not add its own delay (at least 50 batches/s).
        int batch = (int) Math.max(1, Math.min(batchSize, Math.floor(rate / 50)));
        long intervalNanos = (long) (batch * 1e9 / rate);
        long rampStart = System.nanoTime();
        long rampNanos = Math.max(0, rampEndNanos - rampStart);
        BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(Math.max(4, connections * 2));
        List<Thread> workers = startWorkers(() -> {
            Batch b = ready.poll(100, TimeUnit.MILLISECONDS);
            return b == null ? Batch.NONE : b;
        }, endNanos, false, feed::exhausted);
        long next = System.nanoTime();
        while (next < endNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            int[] txs = feed.next(batch);
            if (txs.length == 0) {
                break;
            }
            Batch b = new Batch(txs, next);
            if (!ready.offer(b)) {
                lateBatches.increment();
                if (!ready.offer(b, Math.max(1, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
            long intoRamp = next - rampStart;
            next += intoRamp >= rampNanos ? intervalNanos
                : (long) (intervalNanos / (0.1 + 0.9 * intoRamp / (double) rampNanos));
        }
        joinAll(workers, endNanos);
    }

    /** Keeps at most {@code window} transactions outstanding until {@code endNanos}. */
    void runClosedLoop(int window, long endNanos) throws InterruptedException {
        int batch = Math.max(1, Math.min(batchSize, window / Math.max(1, connections)));
        List<Thread> workers = startWorkers(() -> {
            while (tracker.outstanding.get() + batch > window && System.nanoTime() < endNanos) {
                LockSupport.parkNanos(500_000);
            }
            return Batch.now(feed.next(batch));
        }, endNanos, true, feed::exhausted);
        joinAll(workers, endNanos);
    }

    /**
     * After the load: no new transactions, but keep resending refused ones (and the held-back
     * nonces behind them) until every account is unstalled or the deadline passes, so that no
     * acknowledged transaction stays stranded behind a nonce the generator gave up on.
     */
    void drainRetries(long deadlineNanos) throws InterruptedException {
        feed.stopNew();
        List<Thread> workers = startWorkers(() -> {
            int[] txs = feed.next(batchSize);
            if (txs.length == 0) {
                Thread.sleep(5);
            }
            return Batch.now(txs);
        }, deadlineNanos, true, () -> feed.nothingHeld());
        joinAll(workers, deadlineNanos);
    }

    /** Transactions still held back or waiting to be resent. */
    int held() {
        return feed.held();
    }

    private interface BatchSource {
        Batch take() throws InterruptedException;
    }

    /** Plan indices to send together; {@code dueNanos} is when they were meant to be sent (latency starts there). */
    record Batch(int[] txs, long dueNanos) {
        static final Batch NONE = new Batch(new int[0], 0);

        static Batch now(int[] txs) {
            return new Batch(txs, System.nanoTime());
        }
    }

    private List<Thread> startWorkers(BatchSource source, long endNanos, boolean backOffWhenFull,
            java.util.function.BooleanSupplier done) {
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < endNanos) {
                        Batch b = source.take();
                        if (b.txs().length == 0) {
                            if (done.getAsBoolean()) {
                                return;
                            }
                            continue;
                        }
                        boolean full = send(b);
                        if (full && backOffWhenFull) {
                            Thread.sleep(10);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "submit-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        return workers;
    }

    /**
     * Waits for the workers, which stop by themselves at {@code endNanos} plus at most one request;
     * only one still running a grace period after that is interrupted. (Joining with a fixed
     * timeout from the start interrupted a healthy worker in every run longer than it.)
     */
    private static void joinAll(List<Thread> workers, long endNanos) throws InterruptedException {
        long graceNanos = (REQUEST_SECONDS + 30) * 1_000_000_000L;
        for (Thread t : workers) {
            long waitMillis = Math.max(0, endNanos + graceNanos - System.nanoTime()) / 1_000_000;
            t.join(Math.max(1, waitMillis));
            if (t.isAlive()) {
                t.interrupt();
            }
        }
    }

    /** Sends one batch and books every answer; returns true if the node said its mempool is full. */
    boolean send(Batch b) throws InterruptedException {
        int[] batch = b.txs();
        StringBuilder body = new StringBuilder(batch.length * 480);
        body.append('[');
        for (int k = 0; k < batch.length; k++) {
            if (k > 0) {
                body.append(',');
            }
            body.append("{\"jsonrpc\":\"2.0\",\"id\":").append(k)
                .append(",\"method\":\"tally_sendRawTransaction\",\"params\":[\"")
                .append(plan.rawHex(batch[k])).append("\"]}");
        }
        body.append(']');
        URI node = nodes.get(Math.floorMod(nextNode.getAndIncrement(), nodes.size()));
        HttpRequest request = HttpRequest.newBuilder(node).timeout(Duration.ofSeconds(REQUEST_SECONDS))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        for (int i : batch) {
            tracker.sent(i, b.dueNanos());
        }
        tracker.outstanding.addAndGet(batch.length);
        batchesSent.increment();
        JsonNode answers;
        try {
            HttpResponse<byte[]> response = sendWithDeadline(request);
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            answers = json.readTree(response.body());
            if (!answers.isArray()) {
                throw new IOException("not a batch response: " + answers.toString().substring(0, 200));
            }
        } catch (IOException e) {
            tracker.transportErrors.increment();
            for (int i : batch) {
                retryOrGiveUp(i, TRANSPORT);
            }
            return true;
        } catch (InterruptedException e) {
            // Stopped mid-request: the answer is unknown, so the drain resends (a resend of an
            // admitted transaction answers "already known").
            for (int i : batch) {
                retryOrGiveUp(i, TRANSPORT);
            }
            throw e;
        }
        boolean full = false;
        boolean[] answered = new boolean[batch.length];
        for (JsonNode a : answers) {
            int k = a.path("id").asInt(-1);
            if (k < 0 || k >= batch.length || answered[k]) {
                continue;
            }
            answered[k] = true;
            int i = batch[k];
            if (a.has("result")) {
                acked(i);
                continue;
            }
            int code = a.path("error").path("code").asInt();
            switch (code) {
                case MEMPOOL_FULL -> {
                    full = true;
                    retryOrGiveUp(i, code);
                }
                case NONCE_GAP, SERVER_TIMEOUT -> retryOrGiveUp(i, code);
                case ALREADY_KNOWN -> acked(i);
                case NONCE_TOO_LOW -> {
                    if (tracker.isCommitted(i)) {
                        acked(i);
                    } else {
                        rejected(i, code);
                    }
                }
                default -> rejected(i, code);
            }
        }
        for (int k = 0; k < batch.length; k++) {
            if (!answered[k]) {
                rejected(batch[k], TRANSPORT);
            }
        }
        return full;
    }

    /**
     * The request timeout of {@link HttpClient} stops at the response headers; this bounds the
     * whole exchange, body included, so a stalled answer becomes a transport error that is retried
     * instead of a batch that is never answered.
     */
    private HttpResponse<byte[]> sendWithDeadline(HttpRequest request) throws IOException, InterruptedException {
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> f =
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return f.get(REQUEST_SECONDS + 5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new IOException("no complete answer within " + (REQUEST_SECONDS + 5) + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    private void acked(int i) {
        tracker.acked(i);
        feed.settled(i);
    }

    private void rejected(int i, int code) {
        tracker.rejected(i, code);
        feed.settled(i);
    }

    private void retryOrGiveUp(int i, int code) {
        // A transport failure may hide an admission: the resend then answers "already known".
        if (tracker.attempts(i) >= MAX_ATTEMPTS) {
            rejected(i, code);
            return;
        }
        tracker.willRetry(code);
        feed.retry(i);
    }
}
