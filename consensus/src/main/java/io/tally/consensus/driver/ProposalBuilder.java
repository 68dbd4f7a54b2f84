package io.tally.consensus.driver;

import io.tally.consensus.Action;
import io.tally.ledger.block.Block;

/** Builds the primary's block from the mempool (implemented by the node); runs off the consensus thread. */
public interface ProposalBuilder {
    Block build(Action.BuildProposal request) throws Exception;
}
