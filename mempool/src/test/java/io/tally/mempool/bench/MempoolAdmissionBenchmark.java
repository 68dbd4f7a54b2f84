package io.tally.mempool.bench;

import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import io.tally.mempool.AdmissionResult;
import io.tally.mempool.Mempool;
import io.tally.mempool.MempoolConfig;
import io.tally.mempool.SignatureCache;
import io.tally.mempool.TxSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Admissions per second into an empty pool, without RPC: with signature verification on the
 * worker pool, and with every signature already in the cache (the cost of everything else).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MempoolAdmissionBenchmark {
    static final int N = 4096;
    static final String CHAIN = "bench";

    List<byte[]> raws;
    SignatureCache warmCache;
    Mempool pool;
    Mempool cachedPool;

    @Setup(Level.Trial)
    public void sign() {
        raws = new ArrayList<>(N);
        warmCache = new SignatureCache(2 * N);
        KeyPair to = key(-1);
        for (int i = 0; i < N; i++) {
            Transaction t = Transaction.sign(key(i / 64), CHAIN, i % 64, new TransferPayload(to.address(), 1));
            raws.add(t.encoded());
            warmCache.markVerified(t.hash());
        }
    }

    static KeyPair key(int i) {
        return KeyPair.fromSeed(Sha256.hash(("bench/" + i).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    @Setup(Level.Invocation)
    public void freshPools() {
        MempoolConfig c = MempoolConfig.defaults(CHAIN).withLimits(2 * N, 1L << 30, 64, 1 << 20);
        pool = new Mempool(c, a -> 0L);
        cachedPool = new Mempool(c, a -> 0L, warmCache);
    }

    @TearDown(Level.Invocation)
    public void close() {
        pool.close();
        cachedPool.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int admitVerifying() {
        return admitAll(pool);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int admitCachedSignatures() {
        return admitAll(cachedPool);
    }

    private int admitAll(Mempool p) {
        List<CompletableFuture<AdmissionResult>> fs = new ArrayList<>(N);
        for (byte[] raw : raws) {
            fs.add(p.submit(raw, TxSource.RPC));
        }
        int ok = 0;
        for (CompletableFuture<AdmissionResult> f : fs) {
            if (f.join().isAccepted()) {
                ok++;
            }
        }
        if (ok != N) {
            throw new IllegalStateException("only " + ok + " of " + N + " admitted");
        }
        return ok;
    }
}
