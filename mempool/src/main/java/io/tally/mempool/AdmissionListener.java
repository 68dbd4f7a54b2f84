package io.tally.mempool;

import io.tally.ledger.tx.Transaction;

/**
 * Told about every transaction that enters the pool, after it is visible to {@link Mempool#reap}.
 * The gossip layer implements this to forward new transactions. Called on the admitting thread
 * (a verifier worker or the caller); implementations must not block.
 */
@FunctionalInterface
public interface AdmissionListener {
    void onAdmitted(Transaction tx, TxSource source);
}
