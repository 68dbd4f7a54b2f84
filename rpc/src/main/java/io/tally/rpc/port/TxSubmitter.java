package io.tally.rpc.port;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.tx.Transaction;
import io.tally.mempool.AdmissionResult;
import io.tally.mempool.Mempool;
import io.tally.mempool.TxSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Submission into, and lookups of, the node's pending transactions. */
public interface TxSubmitter {
    /** Admits raw signed bytes; completes after the signature check, never exceptionally. */
    CompletableFuture<AdmissionResult> submit(byte[] raw);

    Optional<Transaction> pending(Hash hash);

    /** The nonce the account's next transaction should carry given what is pending here. */
    long pendingNonce(Address account, long committedNonce);

    int pendingCount();

    long pendingBytes();

    /** The port over a real mempool. */
    static TxSubmitter of(Mempool mempool) {
        return new TxSubmitter() {
            @Override
            public CompletableFuture<AdmissionResult> submit(byte[] raw) {
                return mempool.submit(raw, TxSource.RPC);
            }

            @Override
            public Optional<Transaction> pending(Hash hash) {
                return mempool.get(hash);
            }

            @Override
            public long pendingNonce(Address account, long committedNonce) {
                return mempool.pendingNonce(account, committedNonce);
            }

            @Override
            public int pendingCount() {
                return mempool.size();
            }

            @Override
            public long pendingBytes() {
                return mempool.bytes();
            }
        };
    }
}
