/**
 * The chain store: genesis, atomic block commits (block, certificate, receipts, state, indices
 * and head pointer in one synced batch), and the read API ({@link io.tally.ledger.chain.LedgerReader})
 * used by RPC and the node. Depends on {@code store}, {@code state}, {@code exec}, {@code block},
 * {@code tx}. Thread-safety: one committing thread, any number of concurrent readers.
 */
package io.tally.ledger.chain;
