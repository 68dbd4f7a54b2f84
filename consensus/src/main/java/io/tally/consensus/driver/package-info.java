/**
 * Runs a {@link io.tally.consensus.PbftReplica} on one thread with a bounded queue, a timer
 * scheduler and a worker for proposal building and validation, and declares the ports the node
 * implements: {@link io.tally.consensus.driver.Transport}, {@link io.tally.consensus.driver.VoteStore},
 * {@link io.tally.consensus.driver.ProposalBuilder}, {@link io.tally.consensus.driver.ProposalValidator},
 * {@link io.tally.consensus.driver.CommitSink} and {@link io.tally.consensus.driver.NodeHooks}.
 * Actions are applied persist (fsync) → send → commit; an unexpected exception halts consensus.
 */
package io.tally.consensus.driver;
