package io.tally.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.KeyPair;
import io.tally.genesis.ConsensusParams;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One benchmark run: ceiling (idle machine) → accounts and pre-signed plan → fresh network →
 * load for warm-up + measured window → stop sending → drain → read view changes → stop the nodes →
 * results. Progress goes to {@code log}; the result is returned.
 */
final class BenchRunner {
    private final BenchConfig c;
    private final PrintStream log;

    BenchRunner(BenchConfig config, PrintStream log) {
        this.c = config;
        this.log = log;
    }

    BenchResult run() throws Exception {
        Ceiling ceiling = null;
        if (c.ceilingSeconds() > 0) {
            log.printf("measuring the signature ceiling (%.1f s on %d cores)...%n", c.ceilingSeconds(),
                Runtime.getRuntime().availableProcessors());
            ceiling = Ceiling.measure(c.chainId(), 1_000, (long) (c.ceilingSeconds() * 1000));
            log.printf("  %.0f verifies/s; ceiling for %d validators: %.0f tx/s%n", ceiling.verifiesPerSecond(),
                c.validators(), ceiling.perValidators(c.validators()));
        }
        int planned = planSize(ceiling);
        log.printf("deriving %d accounts and signing %d transfers...%n", c.accounts(), planned);
        long t0 = System.nanoTime();
        List<KeyPair> keys = Accounts.keys(c.accounts());
        TxPlan plan = TxPlan.sign(keys, c.chainId(), planned);
        log.printf("  done in %.1f s (%d-byte transactions)%n", (System.nanoTime() - t0) / 1e9, plan.encodedLength(0));

        ConsensusParams params = new ConsensusParams(c.maxBlockTransactions(), c.maxBlockBytes(), c.viewTimeoutMillis(),
            8, 0);
        Tracker tracker = new Tracker(plan.size());
        List<String> problems = new ArrayList<>();
        BenchResult result;
        try (BenchNetwork net = BenchNetwork.start(c.outDir(), c.chainId(), c.validators(), keys, params, c.launcher())) {
            log.printf("started %d nodes in %s; waiting until ready...%n", net.size(), c.outDir());
            net.awaitReady(Duration.ofSeconds(90));
            long[] pids = new long[net.size()];
            List<URI> rpcs = new ArrayList<>();
            for (int i = 0; i < net.size(); i++) {
                pids[i] = net.pid(i);
                rpcs.add(net.rpc(i));
            }
            try (Sampler sampler = new Sampler(pids, c.sampleEverySeconds() * 1000L);
                    CommitWatcher watcher = CommitWatcher.open(net.ws(0), plan, tracker)) {
                Submitter submitter = new Submitter(plan, c.accounts(), tracker, rpcs, c.connections(), c.batchSize());
                long start = System.nanoTime();
                long windowStart = start + c.warmupSeconds() * 1_000_000_000L;
                long windowEnd = windowStart + c.durationSeconds() * 1_000_000_000L;
                long[] cpuStart = new long[pids.length + 1];
                List<Map<String, Long>> threadsStart = new ArrayList<>();
                Thread cpuMark = startCpuMark(windowStart, pids, cpuStart, threadsStart);
                log.printf("%s load: %d s warm-up + %d s measured...%n",
                    c.closedLoop() ? "closed-loop (window " + c.window() + ")" : "open-loop " + c.rate() + " tx/s",
                    c.warmupSeconds(), c.durationSeconds());
                if (c.closedLoop()) {
                    submitter.runClosedLoop(c.window(), windowEnd);
                } else {
                    // The open loop ramps up over the first half of the warm-up and holds the rate for the second.
                    submitter.runOpenLoop(c.rate(), start + c.warmupSeconds() * 500_000_000L, windowEnd);
                }
                long[] cpuEnd = cpuNow(pids);
                List<Map<String, Long>> threadsEnd = threadsNow(pids);
                cpuMark.join();
                if (submitter.planExhausted() && System.nanoTime() < windowEnd - 1_000_000_000L) {
                    problems.add("the pre-signed plan ran out before the end of the window; raise --max-txs");
                }
                drain(tracker, submitter, watcher, net, problems);
                Map<Integer, Long> viewChanges = viewChanges(rpcs, problems);
                Map<Integer, Long> pending = pendingAtEnd(rpcs);
                if (watcher.failure() != null) {
                    problems.add("commit subscription failed: " + watcher.failure());
                }
                net.deadNodes().forEach(i -> problems.add("node" + i + " died during the run; see "
                    + net.nodeDir(i).resolve("node.log")));
                result = summarize(plan, tracker, submitter, sampler.samples(), pids, cpuStart, cpuEnd,
                    threadCores(threadsStart, threadsEnd, (windowEnd - windowStart) / 1e9), windowStart, windowEnd,
                    viewChanges, pending, watcher.lastHeight(), problems);
            }
        }
        if (ceiling == null) {
            return result;
        }
        // Measured again with the nodes stopped: the machine's speed drifts during a run, and the
        // ratio is taken against the faster of the two (the lower ratio).
        log.printf("measuring the signature ceiling again, nodes stopped...%n");
        Ceiling after = Ceiling.measure(c.chainId(), 1_000, (long) (c.ceilingSeconds() * 1000));
        double best = Math.max(ceiling.verifiesPerSecond(), after.verifiesPerSecond());
        log.printf("  %.0f verifies/s (before the run: %.0f)%n", after.verifiesPerSecond(), ceiling.verifiesPerSecond());
        return result.withCeiling(new BenchResult.CeilingResult(ceiling.threads(), round(best),
            round(best / c.validators()), round(ceiling.verifiesPerSecond()), round(after.verifiesPerSecond())));
    }

    private int planSize(Ceiling ceiling) {
        double seconds = c.warmupSeconds() + c.durationSeconds();
        double rate = c.closedLoop()
            // Without a measured ceiling, assume a fast 2-core machine (~30k verifies/s).
            ? (ceiling == null ? 30_000.0 / c.validators() : ceiling.perValidators(c.validators())) * 1.2
            : c.rate() * 1.02;
        return (int) Math.max(c.batchSize() * 4L, Math.min(c.maxTransactions(), (long) (rate * seconds) + c.batchSize()));
    }

    /** Records every process's CPU time when the measured window opens. */
    private static Thread startCpuMark(long at, long[] pids, long[] out, List<Map<String, Long>> threadsOut) {
        Thread t = new Thread(() -> {
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                try {
                    Thread.sleep(Math.max(1, wait / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            long[] now = cpuNow(pids);
            List<Map<String, Long>> threads = threadsNow(pids);
            System.arraycopy(now, 0, out, 0, now.length);
            threadsOut.addAll(threads); // read only after this thread is joined
        }, "cpu-mark");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<Map<String, Long>> threadsNow(long[] pids) {
        List<Map<String, Long>> out = new ArrayList<>();
        for (long pid : pids) {
            out.add(ThreadCpu.millisByGroup(pid));
        }
        return out;
    }

    /** Per node, cores used per thread group over the window (empty maps without /proc). */
    private static List<Map<String, Double>> threadCores(List<Map<String, Long>> start, List<Map<String, Long>> end,
            double seconds) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < end.size(); i++) {
            Map<String, Double> cores = new TreeMap<>();
            Map<String, Long> s = i < start.size() ? start.get(i) : Map.of();
            ThreadCpu.delta(s, end.get(i)).forEach((g, ms) -> cores.put(g, Math.round(ms / seconds) / 1000.0));
            out.add(cores);
        }
        return out;
    }

    /** CPU milliseconds of each node, then of this process. */
    private static long[] cpuNow(long[] pids) {
        long[] out = new long[pids.length + 1];
        for (int i = 0; i < pids.length; i++) {
            out[i] = ProcStats.cpuMillis(pids[i]).orElse(0);
        }
        out[pids.length] = ProcStats.cpuMillis(ProcessHandle.current().pid()).orElse(0);
        return out;
    }

    /**
     * Keeps resending refused transactions (no new ones) and waits until every acknowledged
     * transaction is in a block, or the drain time is up.
     */
    private void drain(Tracker tracker, Submitter submitter, CommitWatcher watcher, BenchNetwork net,
            List<String> problems) throws InterruptedException {
        long deadline = System.nanoTime() + c.drainSeconds() * 1_000_000_000L;
        log.printf("draining (up to %d s; %d refused transactions to resend)...%n", c.drainSeconds(), submitter.held());
        Thread resend = new Thread(() -> {
            try {
                submitter.drainRetries(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "drain-resend");
        resend.setDaemon(true);
        resend.start();
        try {
            while (System.nanoTime() < deadline && watcher.failure() == null && net.deadNodes().isEmpty()) {
                if (submitter.held() == 0 && uncommittedAcks(tracker) == 0) {
                    return;
                }
                Thread.sleep(100);
            }
        } finally {
            resend.join(70_000);
        }
        long left = uncommittedAcks(tracker);
        if (left > 0) {
            problems.add(left + " acknowledged transactions not committed after the " + c.drainSeconds() + " s drain");
        }
        if (submitter.held() > 0) {
            problems.add(submitter.held() + " refused transactions still not accepted after the drain");
        }
    }

    private static long uncommittedAcks(Tracker t) {
        long n = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.state(i) == Tracker.ACKED && !t.isCommitted(i)) {
                n++;
            }
        }
        return n;
    }

    private Map<Integer, Long> viewChanges(List<URI> rpcs, List<String> problems) {
        RpcClient rpc = new RpcClient();
        Map<Integer, Long> out = new TreeMap<>();
        for (int i = 0; i < rpcs.size(); i++) {
            try {
                JsonNode st = rpc.call(rpcs.get(i), "tally_consensusStatus");
                out.put(i, st.path("viewChanges").asLong());
            } catch (IOException e) {
                problems.add("node" + i + ": cannot read consensus status: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out;
    }

    /** Each node's mempool size after the drain: where uncommitted transactions sit. */
    private static Map<Integer, Long> pendingAtEnd(List<URI> rpcs) {
        RpcClient rpc = new RpcClient();
        Map<Integer, Long> out = new TreeMap<>();
        for (int i = 0; i < rpcs.size(); i++) {
            try {
                out.put(i, rpc.call(rpcs.get(i), "tally_nodeStatus").path("mempoolSize").asLong());
            } catch (IOException e) {
                out.put(i, -1L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out;
    }

    private BenchResult summarize(TxPlan plan, Tracker t, Submitter submitter,
            List<Sampler.Sample> samples, long[] pids, long[] cpuStart, long[] cpuEnd,
            List<Map<String, Double>> threadCores, long windowStart, long windowEnd,
            Map<Integer, Long> viewChanges, Map<Integer, Long> pending, long finalHeight, List<String> problems) {
        double seconds = (windowEnd - windowStart) / 1e9;
        long committedInWindow = 0;
        long ackedInWindow = 0;
        long[] latencies = new long[t.size()];
        long[] admissions = new long[t.size()];
        int nLat = 0;
        long sent = 0;
        long lost = 0;
        long stranded = 0;
        // Per account, the plan index of its lowest nonce no node accepted: acknowledged
        // transactions above it cannot execute, so they are stranded by the generator, not lost.
        int accounts = c.accounts();
        int[] firstUnaccepted = new int[accounts];
        java.util.Arrays.fill(firstUnaccepted, Integer.MAX_VALUE);
        for (int i = t.size() - 1; i >= 0; i--) {
            if (t.state(i) != Tracker.ACKED && !t.isCommitted(i) && t.state(i) != Tracker.UNSENT) {
                firstUnaccepted[i % accounts] = i;
            }
        }
        long stillRetrying = 0;
        IntervalSeries series = new IntervalSeries(windowStart, windowEnd, c.intervalSeconds() * 1_000_000_000L);
        for (int i = 0; i < t.size(); i++) {
            int st = t.state(i);
            long commit = t.commitNanos(i);
            if (st != Tracker.UNSENT) {
                sent++;
            }
            if (commit >= windowStart && commit < windowEnd) {
                committedInWindow++;
                series.committed(commit);
            }
            long submit = t.submitNanos(i);
            boolean submittedInWindow = submit >= windowStart && submit < windowEnd;
            if (st == Tracker.ACKED) {
                if (submittedInWindow) {
                    ackedInWindow++;
                }
                if (commit == 0 && i > firstUnaccepted[i % accounts]) {
                    stranded++;
                } else if (commit == 0) {
                    lost++;
                } else if (submittedInWindow) {
                    admissions[nLat] = Math.max(0, t.ackNanos(i) - submit);
                    latencies[nLat++] = commit - submit;
                    series.latency(submit, commit - submit);
                }
            } else if (st == Tracker.SENT && commit == 0) {
                stillRetrying++;
            }
        }
        double tps = committedInWindow / seconds;

        long blocksInWindow = 0;
        long txInWindowBlocks = 0;
        long maxTx = 0;
        for (Tracker.BlockSeen b : t.blocks) {
            if (b.arrivalNanos() >= windowStart && b.arrivalNanos() < windowEnd) {
                blocksInWindow++;
                txInWindowBlocks += b.txCount();
                maxTx = Math.max(maxTx, b.txCount());
            }
        }
        long totalViewChanges = viewChanges.values().stream().mapToLong(Long::longValue).max().orElse(0);
        BenchResult.Blocks blocks = new BenchResult.Blocks(blocksInWindow, round(blocksInWindow / seconds),
            blocksInWindow == 0 ? 0 : round((double) txInWindowBlocks / blocksInWindow), maxTx, totalViewChanges,
            finalHeight);

        List<BenchResult.NodeResult> nodes = new ArrayList<>();
        // The sampler starts just before the load, so the window opens about warmupSeconds into its series.
        double windowStartSec = c.warmupSeconds();
        for (int i = 0; i < pids.length; i++) {
            long rssStart = -1;
            long rssEnd = -1;
            long rssMax = -1;
            for (Sampler.Sample s : samples) {
                long v = s.rssMib()[i];
                if (rssStart < 0 && s.seconds() >= windowStartSec) {
                    rssStart = v;
                }
                rssEnd = v;
                rssMax = Math.max(rssMax, v);
            }
            nodes.add(new BenchResult.NodeResult("node" + i, pids[i],
                Math.round((cpuEnd[i] - cpuStart[i]) / 10.0 / seconds) / 100.0, rssStart, rssEnd, rssMax,
                viewChanges.getOrDefault(i, -1L), pending.getOrDefault(i, -1L),
                i < threadCores.size() ? threadCores.get(i) : Map.of()));
        }
        double nodeCores = nodes.stream().mapToDouble(BenchResult.NodeResult::cpuCores).sum();
        // The ratios to the ceiling are filled in by BenchResult.withCeiling once it is measured.
        BenchResult.Throughput throughput = new BenchResult.Throughput(round(tps), round(ackedInWindow / seconds), 0,
            Math.round(nodeCores * 100) / 100.0, 0);
        double loadgenCpu = Math.round((cpuEnd[pids.length] - cpuStart[pids.length]) / 10.0 / seconds) / 100.0;

        BenchResult.Accounting accounting = new BenchResult.Accounting(plan.size(), sent, t.acked.sum(),
            t.committed.get(), t.rejected.sum(), lost, t.retries.sum(), t.transportErrors.sum(),
            submitter.lateBatches.sum(), sums(t.rejectCodes), sums(t.retryCodes), stillRetrying, stranded);
        BenchResult.Setup setup = new BenchResult.Setup(c.validators(), c.closedLoop() ? "closed" : "open", c.rate(),
            c.window(), c.durationSeconds(), c.warmupSeconds(), c.accounts(), c.batchSize(), c.connections(),
            plan.encodedLength(0), c.maxBlockTransactions(), c.viewTimeoutMillis(), c.launcher().jvmOptions(),
            c.launcher().runOptions());
        BenchResult.Machine machine = new BenchResult.Machine(Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        if (stranded > 0) {
            problems.add(stranded + " acknowledged transactions stranded behind an earlier nonce no node accepted");
        }
        if (lost > 0) {
            problems.add(lost + " acknowledged transactions were LOST (never committed)");
        }
        return new BenchResult(setup, machine, null, throughput, Latency.of(latencies, nLat),
            Latency.of(admissions, nLat), accounting,
            blocks, nodes, loadgenCpu, series.intervals(), samples, List.copyOf(problems));
    }

    private static Map<Integer, Long> sums(Map<Integer, LongAdder> m) {
        Map<Integer, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
