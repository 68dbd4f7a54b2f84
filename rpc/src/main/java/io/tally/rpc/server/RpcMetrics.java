package io.tally.rpc.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.ledger.block.Block;
import io.tally.rpc.jsonrpc.RpcObserver;
import io.tally.rpc.port.NodeQueries;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's Prometheus metrics as far as the RPC can see them: gauges read through the ports at
 * scrape time, block and transaction counters fed by the head tracker, and RPC calls by method and
 * outcome. Label values are bounded: method names come from the table (or "unknown"), outcomes
 * from the error code set.
 */
final class RpcMetrics implements RpcObserver {
    private final PrometheusMeterRegistry registry;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final Counter blocks;
    private final Counter transactions;
    private final AtomicInteger wsClients = new AtomicInteger();
    private final Counter wsDropped;

    RpcMetrics(PrometheusMeterRegistry registry, NodeQueries q) {
        this.registry = registry;
        Gauge.builder("tally.head.height", () -> q.chain().head().height()).register(registry);
        Gauge.builder("tally.mempool.size", () -> q.submitter().pendingCount()).register(registry);
        Gauge.builder("tally.mempool.bytes", () -> q.submitter().pendingBytes()).register(registry);
        Gauge.builder("tally.peers", () -> q.node().status().peers()).register(registry);
        Gauge.builder("tally.ws.clients", wsClients, AtomicInteger::get).register(registry);
        FunctionCounter.builder("tally.view.changes", q, x -> x.consensus().status().viewChanges())
            .description("view changes since the process started").register(registry);
        this.blocks = Counter.builder("tally.blocks.committed").description("blocks committed since start")
            .register(registry);
        this.transactions = Counter.builder("tally.transactions.committed")
            .description("transactions in blocks committed since start").register(registry);
        this.wsDropped = Counter.builder("tally.ws.subscriptions.dropped")
            .description("subscriptions ended because the client did not read fast enough").register(registry);
    }

    void subscriptionDropped() {
        wsDropped.increment();
    }

    @Override
    public void onCall(String method, String outcome) {
        calls.computeIfAbsent(method + '\n' + outcome, k -> Counter.builder("tally.rpc.requests")
            .tag("method", method).tag("outcome", outcome).register(registry)).increment();
    }

    void blockCommitted(Block b) {
        blocks.increment();
        transactions.increment(b.transactions().size());
    }

    AtomicInteger wsClients() {
        return wsClients;
    }

    String scrape() {
        return registry.scrape();
    }
}
