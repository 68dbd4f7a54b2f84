/**
 * Ledger state and its authenticated root: {@link io.tally.ledger.state.StateKey} (accounts and
 * records), {@link io.tally.ledger.state.AccountState}, and the compressed sparse Merkle tree
 * {@link io.tally.ledger.state.SparseMerkleTree} with inclusion / non-inclusion
 * {@link io.tally.ledger.state.StateProof}s whose verifier is pure (no store), for wallets.
 *
 * <p>Depends on {@code io.tally.crypto}, {@code io.tally.ledger.codec} and, for persistence of
 * nodes only, {@code io.tally.ledger.store}. Values are immutable; the tree object is stateless
 * apart from its node reader, so it is as thread-safe as that reader (the KV reader is).
 */
package io.tally.ledger.state;
