package io.tally.mempool;

import io.tally.ledger.tx.Transaction;

/**
 * A pooled transaction with its arrival sequence number (the fairness order between accounts in a
 * proposal) and the commit count when it arrived (for stale eviction).
 */
record PendingTx(Transaction tx, long seq, long admittedAtCommit, TxSource source) {}
