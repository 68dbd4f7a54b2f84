package io.tally.consensus.driver;

import io.tally.ledger.block.Block;

/** Executes a proposed block against the ledger without committing it; runs off the consensus thread. */
public interface ProposalValidator {
    boolean isValid(Block block) throws Exception;
}
