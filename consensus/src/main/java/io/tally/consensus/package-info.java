/**
 * The PBFT consensus core as a pure state machine: {@link io.tally.consensus.PbftReplica} takes
 * {@link io.tally.consensus.Event}s and returns {@link io.tally.consensus.Action}s. Messages are
 * records of the sealed {@link io.tally.consensus.ConsensusMessage} family with a canonical codec
 * ({@link io.tally.consensus.MessageCodec}) and a signed envelope
 * ({@link io.tally.consensus.SignedMessage}).
 *
 * <p>Depends only on {@code io.tally.crypto}, {@code io.tally.ledger.block} and
 * {@code io.tally.ledger.codec}; no threads, clocks, randomness, sockets or files (enforced by
 * ArchitectureTest). Not thread-safe: one driver thread owns a replica. Protocol:
 * docs/consensus.md.
 */
package io.tally.consensus;
