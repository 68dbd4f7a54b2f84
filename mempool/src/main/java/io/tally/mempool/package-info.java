/**
 * The transaction pool: admission checks in order of cost, signature verification on a bounded
 * worker pool with a verified-signature cache, per-account nonce ordering for proposals, bounded
 * size, and eviction after each commit.
 *
 * <p>Depends on {@code io.tally.crypto} and {@code io.tally.ledger.{tx,block,codec}} only; the
 * account nonces it needs come through {@link io.tally.mempool.NonceLookup}. {@link
 * io.tally.mempool.Mempool} is thread-safe: admissions from RPC and gossip run concurrently, the
 * pool's maps are guarded by one lock held only for map updates, never during signature checks.
 */
package io.tally.mempool;
