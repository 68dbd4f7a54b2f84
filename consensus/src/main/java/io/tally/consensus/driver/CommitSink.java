package io.tally.consensus.driver;

import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;

/**
 * Applies a committed block with its certificate (implemented by the node). Called on the
 * consensus thread after the step's votes are durable and sent.
 *
 * @return whether the mempool still holds transactions after this block
 */
public interface CommitSink {
    boolean commit(Block block, CommitCertificate certificate) throws Exception;
}
