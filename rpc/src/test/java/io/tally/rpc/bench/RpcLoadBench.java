package io.tally.rpc.bench;

import io.javalin.Javalin;
import io.tally.crypto.Bytes;
import io.tally.crypto.KeyPair;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.tx.Transaction;
import io.tally.mempool.MempoolConfig;
import io.tally.rpc.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loopback load client for docs/benchmarks/rpc.md. Measures, each beside a do-nothing Javalin
 * endpoint driven by the same client with the same bodies:
 * (1) transaction admissions per second through batched tally_sendRawTransaction into a real
 * mempool over a real ledger on LevelDB, (2) tally_getAccount requests per second.
 *
 * <p>Args: {@code connections txCount batchSize readSeconds}. Not part of the test suite.
 */
public final class RpcLoadBench {
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int txCount = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int readSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int accounts = (txCount + 63) / 64;
        Path dir = Files.createTempDirectory("tally-rpc-bench");
        MempoolConfig mc = MempoolConfig.defaults(TestLedger.CHAIN_ID).withLimits(txCount + 10, 1L << 30, 64, 1 << 20);
        try (TestNode node = new TestNode(dir, TestNode.testConfig(), mc, accounts)) {
            System.out.printf("cores=%d connections=%d txs=%d batch=%d accounts=%d%n",
                Runtime.getRuntime().availableProcessors(), connections, txCount, batch, accounts);
            List<String> bodies = sendBodies(node, txCount, batch);
            List<String> reads = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                reads.add("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tally_getAccount\",\"params\":[\""
                    + node.ledger.accounts.get(i).address() + "\"]}");
            }
            Javalin baseline = Javalin.create(c -> c.showJavalinBanner = false)
                .post("/", ctx -> ctx.contentType("application/json").result("{}")).start("127.0.0.1", 0);
            try {
                String baseUrl = "http://127.0.0.1:" + baseline.port() + "/";
                // Warm the client, both servers and the JIT before anything is measured.
                timed("warm-up baseline", baseUrl, reads, connections, 3, false);
                timed("warm-up tally_getAccount", node.url(), reads, connections, 3, true);
                run("warm-up baseline, batched bodies", baseUrl, bodies, connections, batch, false);

                double base1 = run("baseline (do-nothing endpoint), batched bodies", baseUrl, bodies, connections, batch, false);
                double adm = run("tally_sendRawTransaction, batched", node.url(), bodies, connections, batch, true);
                double base2 = run("baseline again, batched bodies", baseUrl, bodies, connections, batch, false);
                System.out.printf("mempool size after run: %d (expected %d)%n", node.mempool.size(), txCount);
                System.out.printf("RESULT admissions/s=%.0f baseline-entries/s=%.0f,%.0f%n", adm, base1, base2);

                double baseReads1 = timed("baseline (do-nothing endpoint), single small bodies", baseUrl, reads,
                    connections, readSeconds, false);
                double accountReads = timed("tally_getAccount (with state proof)", node.url(), reads, connections,
                    readSeconds, true);
                double baseReads2 = timed("baseline again, single small bodies", baseUrl, reads, connections,
                    readSeconds, false);
                System.out.printf("RESULT getAccount/s=%.0f baseline/s=%.0f,%.0f%n", accountReads, baseReads1, baseReads2);
            } finally {
                baseline.stop();
            }
        }
    }

    static List<String> sendBodies(TestNode node, int txCount, int batch) {
        List<String> bodies = new ArrayList<>();
        StringBuilder sb = new StringBuilder("[");
        int inBatch = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < txCount; i++) {
            KeyPair from = node.ledger.accounts.get(i / 64);
            Transaction t = node.ledger.transfer(from, i % 64, node.ledger.accounts.get(0).address(), 1);
            sb.append(inBatch == 0 ? "" : ",").append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
                .append(",\"method\":\"tally_sendRawTransaction\",\"params\":[\"").append(Bytes.toHex(t.encoded())).append("\"]}");
            if (++inBatch == batch) {
                bodies.add(sb.append("]").toString());
                sb = new StringBuilder("[");
                inBatch = 0;
            }
        }
        if (inBatch > 0) {
            bodies.add(sb.append("]").toString());
        }
        System.out.printf("signed %d transactions in %.1f s%n", txCount, (System.nanoTime() - t0) / 1e9);
        return bodies;
    }

    /** Posts every body once across the connections; returns transactions (batch entries) per second. */
    static double run(String label, String url, List<String> bodies, int connections, int perBody, boolean checkErrors)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections, daemon());
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                    if (!post(client, url, bodies.get(i), checkErrors)) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double rate = bodies.size() * (double) perBody / secs;
        System.out.printf("%-55s %8.0f /s  (%d requests, %.2f s, %d with errors)%n", label, rate, bodies.size(), secs,
            errors.get());
        return rate;
    }

    /** Posts bodies round-robin for {@code seconds}; returns requests per second. */
    static double timed(String label, String url, List<String> bodies, int connections, int seconds, boolean checkErrors)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(connections, daemon());
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int start = c;
            fs.add(pool.submit(() -> {
                int i = start;
                while (System.nanoTime() < end) {
                    if (!post(client, url, bodies.get(i++ % bodies.size()), checkErrors)) {
                        errors.incrementAndGet();
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double rate = done.get() / secs;
        System.out.printf("%-55s %8.0f /s  (%d requests, %.2f s, %d with errors)%n", label, rate, done.get(), secs,
            errors.get());
        return rate;
    }

    /** One request; false on a transport error, a non-200 status or (if asked) a JSON-RPC error. */
    static boolean post(HttpClient client, String url, String body, boolean checkErrors) throws InterruptedException {
        try {
            HttpResponse<String> r = client.send(request(url, body), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !(checkErrors && r.body().contains("\"error\""));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        };
    }

    static HttpRequest request(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
