package io.tally.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.tx.Transaction;
import io.tally.rpc.json.BlockJson;
import io.tally.rpc.json.JsonValues;
import io.tally.rpc.json.TxLookup;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.method.GetTransactionMethod;
import io.tally.rpc.port.ChainQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers subscriptions from one thread. Every subscription is a cursor (the next height to
 * deliver) over committed blocks read from the chain store, so replay from an old height, live
 * delivery and resumption after a drop are the same loop and nothing is buffered per subscriber
 * except what sits in its bounded send queue. A subscriber whose queue is full is dropped with a
 * notice carrying its resume height.
 */
final class SubscriptionHub implements AutoCloseable {
    /** Blocks delivered to one subscription per round, so one catching-up client cannot starve others. */
    static final int BLOCKS_PER_ROUND = 32;
    /**
     * Recent blocks shared by subscribers at the head, handed over by the commit path so they are
     * not read back. Small on purpose: a block kept for seconds outlives the young generation; 64
     * blocks (≈ 8 s under load) were promoted and died in the old one, the main cause of full
     * collections (docs/benchmarks.md, eighth round).
     */
    private static final int BLOCK_CACHE = 8;
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHub.class);

    private final ChainQuery chain;
    private final GetTransactionMethod txLookup;
    private final RpcMetrics metrics;
    private final ObjectMapper mapper;
    private final Duration pollInterval;
    private final ScheduledExecutorService thread;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<Long, Block> recentBlocks = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
            return size() > BLOCK_CACHE;
        }
    };
    private boolean roundQueued;

    SubscriptionHub(ChainQuery chain, GetTransactionMethod txLookup, RpcMetrics metrics, ObjectMapper mapper,
            Duration pollInterval) {
        this.chain = chain;
        this.txLookup = txLookup;
        this.metrics = metrics;
        this.mapper = mapper;
        this.pollInterval = pollInterval;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rpc-subscriptions");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        thread.scheduleWithFixedDelay(this::safeRound, pollInterval.toMillis(), pollInterval.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    /** Tells the hub {@code block} was committed, so subscribers hear of it before the next poll. */
    void committed(Block block) {
        run(() -> {
            recentBlocks.put(block.height(), block);
            if (!subscriptions.isEmpty()) {
                safeRound();
            }
        });
    }

    /** Adds a subscription; {@code fromHeight} < 0 means "from the next block". */
    void add(Subscription s, boolean sendInitialStatus) {
        run(() -> {
            if (s.client.isClosed()) {
                return;
            }
            if (s.nextHeight < 0) {
                s.nextHeight = chain.head().height() + 1;
            }
            subscriptions.add(s);
            if (sendInitialStatus) {
                for (Hash h : s.hashes) {
                    try {
                        notify(s, txLookup.lookup(h).toJson());
                    } catch (RpcException e) {
                        LOG.warn("status lookup failed for {}", h, e);
                    }
                }
            }
            safeRound();
        });
    }

    void remove(Subscription s) {
        run(() -> {
            s.ended = true;
            subscriptions.remove(s);
        });
    }

    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void safeRound() {
        roundQueued = false;
        try {
            round();
        } catch (RuntimeException e) {
            LOG.error("subscription round failed", e);
        }
    }

    private void round() {
        if (subscriptions.isEmpty()) {
            return;
        }
        long head = chain.head().height();
        boolean behind = false;
        for (Subscription s : new ArrayList<>(subscriptions)) {
            if (s.client.isClosed()) {
                subscriptions.remove(s);
                continue;
            }
            deliver(s, head);
            behind |= !s.ended && s.nextHeight <= head;
        }
        if (behind && !roundQueued) {
            roundQueued = true;
            run(this::safeRound);
        }
    }

    private void deliver(Subscription s, long head) {
        for (int n = 0; n < BLOCKS_PER_ROUND && s.nextHeight <= head && !s.ended; n++) {
            Optional<Block> block = block(s.nextHeight);
            if (block.isEmpty()) {
                return;
            }
            if (s.topic == Subscription.Topic.NEW_BLOCKS) {
                if (s.client.congested()) {
                    drop(s);
                    return;
                }
                notify(s, BlockJson.toJson(block.get(), s.fullTransactions));
            } else {
                for (Transaction tx : block.get().transactions()) {
                    if (s.hashes.contains(tx.hash())) {
                        if (s.client.congested()) {
                            drop(s);
                            return;
                        }
                        notify(s, txStatus(tx.hash()));
                    }
                }
            }
            s.nextHeight++;
        }
    }

    private JsonNode txStatus(Hash h) {
        try {
            TxLookup l = txLookup.lookup(h);
            ObjectNode o = l.toJson();
            o.remove("transaction"); // the subscriber has it; keep notifications small
            return o;
        } catch (RpcException e) {
            throw new IllegalStateException("lookup of a committed transaction failed", e);
        }
    }

    private Optional<Block> block(long height) {
        Block b = recentBlocks.get(height);
        if (b == null) {
            Optional<Block> read = chain.blockByHeight(height);
            read.ifPresent(x -> recentBlocks.put(height, x));
            return read;
        }
        return Optional.of(b);
    }

    private void drop(Subscription s) {
        s.ended = true;
        subscriptions.remove(s);
        s.client.subscriptions.remove(s.id);
        metrics.subscriptionDropped();
        ObjectNode params = JsonValues.object();
        params.put("subscription", s.id);
        params.put("dropped", true);
        params.put("reason", "send buffer full");
        params.put("resumeFromHeight", s.nextHeight);
        sendNotification(s.client, params);
    }

    private void notify(Subscription s, JsonNode result) {
        ObjectNode params = JsonValues.object();
        params.put("subscription", s.id);
        params.set("result", result);
        sendNotification(s.client, params);
    }

    private void sendNotification(WsClient client, ObjectNode params) {
        ObjectNode msg = JsonValues.object();
        msg.put("jsonrpc", "2.0");
        msg.put("method", "tally_subscription");
        msg.set("params", params);
        try {
            client.send(mapper.writeValueAsString(msg));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
