package io.tally.node.ledger;

import io.tally.ledger.block.Block;
import io.tally.ledger.exec.InvalidBlockException;
import io.tally.ledger.tx.Transaction;
import io.tally.mempool.SignatureCache;

/**
 * Checks the signatures of a block's transactions once per node, for every way a block arrives
 * (a proposal, a commit, block sync): a transaction this node already verified (at admission or in
 * an earlier block) is not verified again, and the others are remembered. Block sync needs this
 * as much as consensus: a validator that falls behind receives, as blocks, the transactions it
 * already verified from gossip, and verifying them twice is what kept it behind.
 */
public final class BlockSignatures {
    private final SignatureCache cache;

    public BlockSignatures(SignatureCache cache) {
        this.cache = cache;
    }

    /** @throws InvalidBlockException naming the first transaction whose signature does not verify */
    public void verify(Block block) throws InvalidBlockException {
        for (Transaction tx : block.transactions()) {
            if (!cache.isVerified(tx.hash())) {
                if (!tx.verifySignature()) {
                    throw new InvalidBlockException(InvalidBlockException.Reason.INVALID_TRANSACTION,
                        "transaction " + tx.hash() + " has an invalid signature");
                }
                cache.markVerified(tx.hash());
            }
        }
    }
}
