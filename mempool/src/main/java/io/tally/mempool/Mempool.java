package io.tally.mempool;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction pool. Admission runs the checks cheapest first: size, strict decode, chain id,
 * nonce against the committed account nonce (not below it, not more than the nonce window above
 * it), not already pending, limits, and only then the signature, on the worker pool, once per node
 * thanks to the {@link SignatureCache}. Both RPC and gossip admissions go through {@link #submit}.
 *
 * <p>Thread-safe. The maps are guarded by {@code this}; the lock is never held during a signature
 * check or a listener call.
 */
public final class Mempool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Mempool.class);

    private final MempoolConfig config;
    private final NonceLookup committedNonces;
    private final SignatureCache signatureCache;
    private final SignatureVerifier verifier;
    private final List<AdmissionListener> listeners = new CopyOnWriteArrayList<>();

    // Insertion-ordered so the oldest entries are first: stale eviction walks from the head.
    private final LinkedHashMap<Hash, PendingTx> byHash = new LinkedHashMap<>();
    private final Map<Address, AccountQueue> byAccount = new HashMap<>();
    private long totalBytes;
    private long nextSeq;
    private long commits;

    /**
     * @param committedNonces reads the committed nonce of an account from the latest state; called
     *     from admitting threads, so it must be thread-safe
     */
    public Mempool(MempoolConfig config, NonceLookup committedNonces) {
        this(config, committedNonces, new SignatureCache(config.signatureCacheSize()));
    }

    /** With a signature cache shared with block validation, so a transaction is verified once. */
    public Mempool(MempoolConfig config, NonceLookup committedNonces, SignatureCache signatureCache) {
        this.config = Objects.requireNonNull(config, "config");
        this.committedNonces = Objects.requireNonNull(committedNonces, "committedNonces");
        this.signatureCache = Objects.requireNonNull(signatureCache, "signatureCache");
        this.verifier = new SignatureVerifier(signatureCache, config.verifierThreads(), config.verifierQueue());
    }

    public MempoolConfig config() {
        return config;
    }

    public SignatureCache signatureCache() {
        return signatureCache;
    }

    /** Registers a listener for admitted transactions (the gossip hook). */
    public void addListener(AdmissionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Offers raw signed transaction bytes. The cheap checks run on the caller; the returned future
     * completes after the signature check on the worker pool. Never completes exceptionally.
     */
    public CompletableFuture<AdmissionResult> submit(byte[] raw, TxSource source) {
        if (raw == null || raw.length > TransactionCodec.MAX_ENCODED_LENGTH) {
            return CompletableFuture.completedFuture(AdmissionResult.rejected(null, RejectCode.INVALID_ENCODING,
                raw == null ? "no transaction bytes" : "transaction is " + raw.length + " bytes, the limit is "
                    + TransactionCodec.MAX_ENCODED_LENGTH));
        }
        Transaction tx;
        try {
            tx = TransactionCodec.decode(raw);
        } catch (DecodeException e) {
            return CompletableFuture.completedFuture(
                AdmissionResult.rejected(null, RejectCode.INVALID_ENCODING, e.getMessage()));
        }
        return submit(tx, source);
    }

    /** Offers a decoded transaction (gossip decodes as part of its frame). */
    public CompletableFuture<AdmissionResult> submit(Transaction tx, TxSource source) {
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(source, "source");
        AdmissionResult early = precheck(tx);
        if (early != null) {
            return CompletableFuture.completedFuture(early);
        }
        return verifier.verify(tx).handle((ok, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
                if (cause instanceof RejectedExecutionException) {
                    return AdmissionResult.rejected(tx.hash(), RejectCode.UNAVAILABLE,
                        "signature verifier is saturated, retry later");
                }
                LOG.error("signature check failed unexpectedly for {}", tx.hash(), cause);
                return AdmissionResult.rejected(tx.hash(), RejectCode.UNAVAILABLE, "internal error");
            }
            if (!ok) {
                return AdmissionResult.rejected(tx.hash(), RejectCode.INVALID_SIGNATURE, "invalid signature");
            }
            return insert(tx, source);
        });
    }

    /** {@link #submit(byte[], TxSource)} and wait: for callers that have their own thread. */
    public AdmissionResult add(byte[] raw, TxSource source) {
        return submit(raw, source).join();
    }

    /** {@link #submit(Transaction, TxSource)} and wait. */
    public AdmissionResult add(Transaction tx, TxSource source) {
        return submit(tx, source).join();
    }

    /** Checks that need no signature: chain id, nonce window, duplicates, limits. Null if they pass. */
    private AdmissionResult precheck(Transaction tx) {
        if (!tx.chainId().equals(config.chainId())) {
            return AdmissionResult.rejected(tx.hash(), RejectCode.WRONG_CHAIN,
                "transaction is for chain '" + tx.chainId() + "', this node serves '" + config.chainId() + "'");
        }
        long accountNonce = committedNonces.nonceOf(tx.senderAddress());
        AdmissionResult nonceError = checkNonce(tx, accountNonce);
        if (nonceError != null) {
            return nonceError;
        }
        synchronized (this) {
            return checkPoolState(tx);
        }
    }

    private AdmissionResult checkNonce(Transaction tx, long accountNonce) {
        if (tx.nonce() < accountNonce) {
            return AdmissionResult.rejected(tx.hash(), RejectCode.NONCE_TOO_LOW,
                "nonce " + tx.nonce() + " is below the account nonce " + accountNonce, accountNonce);
        }
        if (tx.nonce() - accountNonce > config.nonceWindow()) {
            return AdmissionResult.rejected(tx.hash(), RejectCode.NONCE_GAP, "nonce " + tx.nonce()
                + " is more than " + config.nonceWindow() + " above the account nonce " + accountNonce, accountNonce);
        }
        return null;
    }

    // Caller holds the lock.
    private AdmissionResult checkPoolState(Transaction tx) {
        if (byHash.containsKey(tx.hash())) {
            return AdmissionResult.duplicate(tx.hash());
        }
        AccountQueue q = byAccount.get(tx.senderAddress());
        if (q != null && q.byNonce.containsKey(tx.nonce())) {
            return AdmissionResult.rejected(tx.hash(), RejectCode.NONCE_TAKEN,
                "another pending transaction of this sender has nonce " + tx.nonce());
        }
        int len = tx.encodedLength();
        if (byHash.size() >= config.maxTransactions() || totalBytes + len > config.maxBytes()) {
            return AdmissionResult.rejected(tx.hash(), RejectCode.MEMPOOL_FULL, "mempool full ("
                + byHash.size() + " transactions, " + totalBytes + " bytes)");
        }
        if (q != null && (q.byNonce.size() >= config.maxPerAccount() || q.bytes + len > config.maxBytesPerAccount())) {
            return AdmissionResult.rejected(tx.hash(), RejectCode.MEMPOOL_FULL, "mempool full for this sender ("
                + q.byNonce.size() + " transactions, " + q.bytes + " bytes pending)");
        }
        return null;
    }

    private AdmissionResult insert(Transaction tx, TxSource source) {
        synchronized (this) {
            // The nonce may have moved while the signature was checked (a block committed). Read
            // under the lock: the ledger advances before onBlockCommitted takes it, so a
            // transaction that block made stale is either refused here or removed there, never
            // left behind in the pool.
            AdmissionResult nonceError = checkNonce(tx, committedNonces.nonceOf(tx.senderAddress()));
            if (nonceError != null) {
                return nonceError;
            }
            AdmissionResult error = checkPoolState(tx);
            if (error != null) {
                return error;
            }
            PendingTx p = new PendingTx(tx, nextSeq++, commits, source);
            byHash.put(tx.hash(), p);
            byAccount.computeIfAbsent(tx.senderAddress(), a -> new AccountQueue()).add(p);
            totalBytes += tx.encodedLength();
        }
        for (AdmissionListener l : listeners) {
            try {
                l.onAdmitted(tx, source);
            } catch (RuntimeException e) {
                LOG.warn("admission listener failed for {}", tx.hash(), e);
            }
        }
        return AdmissionResult.accepted(tx.hash());
    }

    /**
     * Transactions for a proposal: for each account, the contiguous run of nonces starting at its
     * committed nonce (as {@code nonces} reports it), interleaved across accounts by arrival order,
     * at most {@code maxTxs} transactions and {@code maxBytes} encoded bytes. Does not remove them.
     */
    public List<Transaction> reap(int maxTxs, long maxBytes, NonceLookup nonces) {
        List<Transaction> out = new ArrayList<>();
        if (maxTxs <= 0 || maxBytes <= 0) {
            return out;
        }
        synchronized (this) {
            PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> Long.compare(a.head().seq(), b.head().seq()));
            for (Map.Entry<Address, AccountQueue> e : byAccount.entrySet()) {
                long next = nonces.nonceOf(e.getKey());
                PendingTx first = e.getValue().byNonce.get(next);
                if (first != null) {
                    heads.add(new Run(e.getValue(), first));
                }
            }
            long bytes = 0;
            while (!heads.isEmpty() && out.size() < maxTxs) {
                Run run = heads.poll();
                Transaction tx = run.head().tx();
                if (bytes + tx.encodedLength() > maxBytes) {
                    continue; // this account's run ends here; smaller ones of others may still fit
                }
                out.add(tx);
                bytes += tx.encodedLength();
                PendingTx following = run.queue().byNonce.get(tx.nonce() + 1);
                if (following != null) {
                    heads.add(new Run(run.queue(), following));
                }
            }
        }
        return out;
    }

    private record Run(AccountQueue queue, PendingTx head) {}

    /**
     * True when some account's next transaction (at its committed nonce) is pending, i.e. a
     * proposal would not be empty. Transactions stuck behind a nonce gap do not count, so they
     * never make a primary propose empty blocks.
     */
    public synchronized boolean hasExecutable(NonceLookup nonces) {
        for (Map.Entry<Address, AccountQueue> e : byAccount.entrySet()) {
            if (e.getValue().byNonce.containsKey(nonces.nonceOf(e.getKey()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a block is committed: removes its transactions, then every pending transaction whose
     * nonce is at or below a nonce the block committed for its sender (a different transaction
     * with a nonce now used), then every transaction older than {@code maxAgeBlocks} commits.
     * Returns how many were removed. Runs on the commit path, so it reads no state: a block's
     * transactions themselves say which nonces it consumed.
     */
    public int onBlockCommitted(Block block) {
        int removed = 0;
        synchronized (this) {
            commits++;
            List<Transaction> txs = block.transactions();
            for (Transaction tx : txs) {
                PendingTx p = byHash.remove(tx.hash());
                if (p != null) {
                    detach(p);
                    removed++;
                }
            }
            for (Transaction tx : txs) {
                AccountQueue q = byAccount.get(tx.senderAddress());
                if (q == null || q.byNonce.firstKey() > tx.nonce()) {
                    continue; // the common case: nothing of this sender at or below the used nonce
                }
                for (PendingTx p : new ArrayList<>(q.byNonce.headMap(tx.nonce(), true).values())) {
                    remove(p);
                    removed++;
                }
            }
            Iterator<PendingTx> oldest = byHash.values().iterator();
            while (oldest.hasNext()) {
                PendingTx p = oldest.next();
                if (commits - p.admittedAtCommit() < config.maxAgeBlocks()) {
                    break;
                }
                oldest.remove();
                detach(p);
                removed++;
            }
        }
        return removed;
    }

    private void remove(PendingTx p) {
        byHash.remove(p.tx().hash());
        detach(p);
    }

    private void detach(PendingTx p) {
        Address sender = p.tx().senderAddress();
        AccountQueue q = byAccount.get(sender);
        if (q != null) {
            q.remove(p);
            if (q.isEmpty()) {
                byAccount.remove(sender);
            }
        }
        totalBytes -= p.tx().encodedLength();
    }

    public synchronized Optional<Transaction> get(Hash hash) {
        PendingTx p = byHash.get(hash);
        return p == null ? Optional.empty() : Optional.of(p.tx());
    }

    public synchronized boolean contains(Hash hash) {
        return byHash.containsKey(hash);
    }

    /**
     * The nonce a new transaction of {@code account} should carry: one past the contiguous run of
     * pending nonces that starts at {@code committedNonce}, or {@code committedNonce} if none.
     */
    public synchronized long pendingNonce(Address account, long committedNonce) {
        AccountQueue q = byAccount.get(account);
        long n = committedNonce;
        if (q != null) {
            while (q.byNonce.containsKey(n)) {
                n++;
            }
        }
        return n;
    }

    public synchronized int size() {
        return byHash.size();
    }

    public synchronized long bytes() {
        return totalBytes;
    }

    /** Number of senders with pending transactions. */
    public synchronized int accounts() {
        return byAccount.size();
    }

    @Override
    public void close() {
        verifier.close();
    }
}
