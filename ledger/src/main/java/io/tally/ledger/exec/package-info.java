/**
 * Deterministic execution of transactions and blocks over the ledger state. The rules (which
 * failures invalidate a whole block, which ones only produce a failed receipt that still consumes
 * the sender's nonce) are stated in {@link io.tally.ledger.exec.BlockExecutor} and
 * docs/storage.md. Execution checks no signatures: {@link io.tally.ledger.exec.SignatureVerifier}
 * is a separate pass run at admission and when validating a proposal.
 *
 * <p>Depends on {@code io.tally.ledger.tx}, {@code io.tally.ledger.block},
 * {@code io.tally.ledger.state} and {@code io.tally.crypto}; never on storage layout details
 * beyond {@link io.tally.ledger.state.NodeReader}. Executors are stateless and thread-safe; a
 * {@link io.tally.ledger.exec.StateOverlay} belongs to one thread.
 */
package io.tally.ledger.exec;
