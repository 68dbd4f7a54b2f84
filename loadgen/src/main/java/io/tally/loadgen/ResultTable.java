package io.tally.loadgen;

import java.io.PrintStream;
import java.util.Locale;

/** The human-readable summary of a {@link BenchResult}. */
final class ResultTable {
    private ResultTable() {}

    static void print(BenchResult r, PrintStream out) {
        BenchResult.Setup s = r.setup();
        line(out, "validators", Integer.toString(s.validators()));
        line(out, "load", s.mode().equals("closed") ? "closed loop, window " + s.window()
            : String.format(Locale.ROOT, "open loop, offered %.0f tx/s", s.offeredRate()));
        line(out, "window", s.durationSeconds() + " s measured after " + s.warmupSeconds() + " s warm-up");
        line(out, "transactions", s.txBytes() + " bytes, " + s.accounts() + " accounts, batches of " + s.batchSize()
            + " over " + s.connections() + " connections");
        if (r.ceiling() != null) {
            BenchResult.CeilingResult c = r.ceiling();
            line(out, "signature ceiling", String.format(Locale.ROOT,
                "%.0f verifies/s on %d threads / %d validators = %.0f tx/s (before / after the run: %.0f / %.0f)",
                c.verifiesPerSecond(), c.threads(), s.validators(), c.perValidatorSet(), c.before(), c.after()));
        }
        BenchResult.Throughput t = r.throughput();
        line(out, "committed", String.format(Locale.ROOT, "%.1f tx/s (acknowledged %.1f tx/s)", t.committedPerSecond(),
            t.acknowledgedPerSecond()));
        if (r.ceiling() != null) {
            line(out, "achieved / ceiling", String.format(Locale.ROOT, "%.1f %%   (%.1f %% of the ceiling of the %.2f cores"
                + " the nodes got)", t.ratio() * 100, t.ratioOfNodeCpu() * 100, t.nodeCores()));
        }
        Latency l = r.latency();
        line(out, "submit->commit ms", String.format(Locale.ROOT, "p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (n=%d)",
            l.p50(), l.p95(), l.p99(), l.max(), l.count()));
        Latency ack = r.admission();
        line(out, "  of it submit->ack", String.format(Locale.ROOT, "p50 %.1f  p95 %.1f  p99 %.1f  max %.1f",
            ack.p50(), ack.p95(), ack.p99(), ack.max()));
        if (r.intervals().size() > 1) {
            out.printf("  %-20s %8s %9s %9s %9s%n", "by interval (s)", "tx/s", "p50 ms", "p99 ms", "max ms");
            for (IntervalSeries.Interval i : r.intervals()) {
                Latency il = i.latency();
                out.printf(Locale.ROOT, "  %20.0f %8.0f %9.1f %9.1f %9.1f%n", i.startSeconds(), i.committedPerSecond(),
                    il.p50(), il.p99(), il.max());
            }
        }
        BenchResult.Accounting a = r.accounting();
        line(out, "accounting", String.format(Locale.ROOT,
            "sent %d, acknowledged %d, committed %d, rejected %d, LOST %d, stranded %d, retries %d %s",
            a.sent(), a.acknowledged(), a.committed(), a.rejected(), a.lost(), a.stranded(), a.retries(), a.retryCodes()));
        BenchResult.Blocks b = r.blocks();
        line(out, "blocks", String.format(Locale.ROOT, "%.1f /s, mean %.1f tx, max %d tx; view changes %d; height %d",
            b.perSecond(), b.meanTransactions(), b.maxTransactions(), b.viewChanges(), b.finalHeight()));
        out.printf("  %-6s %8s %9s %9s %9s %12s %13s%n", "node", "cpu", "rss start", "rss end", "rss max", "view changes",
            "pending at end");
        for (BenchResult.NodeResult n : r.nodes()) {
            out.printf(Locale.ROOT, "  %-6s %7.2fc %5d MiB %5d MiB %5d MiB %12d %13d%n", n.name(), n.cpuCores(),
                n.rssStartMib(), n.rssEndMib(), n.rssMaxMib(), n.viewChanges(), n.mempoolAtEnd());
        }
        line(out, "loadgen cpu", String.format(Locale.ROOT, "%.2f cores", r.loadgenCpuCores()));
        String perTx = cpuPerTransaction(r);
        if (!perTx.isEmpty()) {
            line(out, "node cpu per tx", perTx);
        }
        for (String p : r.problems()) {
            out.println("  PROBLEM: " + p);
        }
    }

    /**
     * Where a node's CPU goes, as microseconds per committed transaction and per node, by thread
     * group: the cost model behind the ratio (the signature ceiling allows only the verify share).
     */
    static String cpuPerTransaction(BenchResult r) {
        double tps = r.throughput().committedPerSecond();
        if (tps <= 0 || r.nodes().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        double total = 0;
        for (String g : ThreadCpu.GROUPS) {
            double cores = r.nodes().stream().mapToDouble(n -> n.cpuByThread().getOrDefault(g, 0.0)).sum()
                / r.nodes().size();
            if (cores <= 0) {
                continue;
            }
            double micros = cores / tps * 1e6;
            total += micros;
            sb.append(String.format(Locale.ROOT, "%s %.0f, ", g, micros));
        }
        if (total == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f us = %s(mean of %d nodes)", total, sb, r.nodes().size());
    }

    private static void line(PrintStream out, String k, String v) {
        out.printf("  %-20s %s%n", k, v);
    }
}
