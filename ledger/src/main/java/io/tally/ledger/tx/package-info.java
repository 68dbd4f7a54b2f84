/**
 * Signed transactions and their canonical encoding. Immutable values, safe to share across
 * threads. Signature verification is explicit ({@code verifySignature}) so callers can do it once,
 * on a worker pool, and cache the outcome.
 */
package io.tally.ledger.tx;
