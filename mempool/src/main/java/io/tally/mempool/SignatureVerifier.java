package io.tally.mempool;

import io.tally.ledger.tx.Transaction;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verifies transaction signatures on a fixed pool of worker threads with a bounded queue, consulting
 * and filling the {@link SignatureCache}. A full queue completes the future exceptionally with
 * {@link RejectedExecutionException} instead of growing without bound.
 */
final class SignatureVerifier implements AutoCloseable {
    private final SignatureCache cache;
    private final ThreadPoolExecutor pool;

    SignatureVerifier(SignatureCache cache, int threads, int queueCapacity) {
        this.cache = cache;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity), r -> {
                Thread t = new Thread(r, "mempool-verify-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Completes with whether the signature is valid; a cache hit completes at once on the caller. */
    CompletableFuture<Boolean> verify(Transaction tx) {
        if (cache.isVerified(tx.hash())) {
            return CompletableFuture.completedFuture(true);
        }
        try {
            return CompletableFuture.supplyAsync(() -> verifyNow(tx), pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Verifies on the calling thread (block validation already runs on its own thread). */
    boolean verifyNow(Transaction tx) {
        if (cache.isVerified(tx.hash())) {
            return true;
        }
        boolean ok = tx.verifySignature();
        if (ok) {
            cache.markVerified(tx.hash());
        }
        return ok;
    }

    int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
