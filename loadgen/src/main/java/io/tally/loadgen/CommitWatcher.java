package io.tally.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sees commits: a {@code newBlocks} subscription (hashes only) on one node, replayed from height 1
 * so no block is missed, re-subscribed from {@code resumeFromHeight} if the node drops it as a
 * slow consumer. Each of our hashes in a block is booked as committed at the block's arrival.
 */
final class CommitWatcher implements AutoCloseable {
    private final TxPlan plan;
    private final Tracker tracker;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong lastHeight = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile WebSocket socket;

    private CommitWatcher(TxPlan plan, Tracker tracker) {
        this.plan = plan;
        this.tracker = tracker;
    }

    static CommitWatcher open(URI ws, TxPlan plan, Tracker tracker) throws IOException, InterruptedException {
        CommitWatcher w = new CommitWatcher(plan, tracker);
        try {
            w.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(ws, w.new Listener()).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot open " + ws + ": " + e.getMessage(), e);
        }
        w.subscribe(1);
        return w;
    }

    long lastHeight() {
        return lastHeight.get();
    }

    /** The error that stopped the subscription, if any (then commits are no longer seen). */
    Throwable failure() {
        return failure.get();
    }

    private void subscribe(long fromHeight) {
        socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + fromHeight
            + ",\"method\":\"tally_subscribe\",\"params\":[\"newBlocks\",{\"fromHeight\":" + fromHeight
            + ",\"fullTransactions\":false}]}", true);
    }

    private void onMessage(String text) throws IOException {
        long arrival = System.nanoTime();
        JsonNode m = json.readTree(text);
        JsonNode params = m.path("params");
        if (m.has("error")) {
            throw new IOException("subscription refused: " + m.get("error"));
        }
        if (params.path("dropped").asBoolean(false)) {
            subscribe(params.path("resumeFromHeight").asLong(lastHeight.get() + 1));
            return;
        }
        JsonNode block = params.path("result");
        if (!block.has("header")) {
            return;
        }
        long height = block.path("header").path("height").asLong();
        if (height <= lastHeight.get()) {
            return;
        }
        lastHeight.set(height);
        JsonNode hashes = block.path("transactionHashes");
        int ours = 0;
        for (JsonNode h : hashes) {
            int i = plan.indexOf(h.asText().toLowerCase(java.util.Locale.ROOT));
            if (i >= 0 && tracker.committed(i, arrival)) {
                ours++;
            }
        }
        tracker.blocks.add(new Tracker.BlockSeen(height, arrival, hashes.size(), ours));
    }

    @Override
    public void close() {
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                try {
                    onMessage(text);
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failure.compareAndSet(null, error);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failure.compareAndSet(null, new IOException("WebSocket closed: " + statusCode + " " + reason));
            return null;
        }
    }
}
