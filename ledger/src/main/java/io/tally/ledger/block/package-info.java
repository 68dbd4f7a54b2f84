/**
 * Blocks, the validator set, and commit certificates. This package is the whole of the ledger
 * that consensus may see: it depends only on {@code io.tally.crypto} and the codec.
 */
package io.tally.ledger.block;
