package io.tally.wallet.verify;

import io.tally.ledger.block.BlockHeader;

/**
 * A header the wallet believes: {@code signers} of {@code validators} signed its commit
 * certificate, or (height 0, {@code signers} = 0) it equals the genesis block computed locally from
 * the trusted genesis file.
 */
public record Verified(BlockHeader header, int signers, int validators) {
    public long height() {
        return header.height();
    }

    /** The sentence the CLI prints after a verified read. */
    public String describe() {
        if (signers == 0) {
            return "verified at height 0 (the genesis block, computed from the trusted genesis file)";
        }
        return "verified at height " + header.height() + " (certificate by " + signers + " of " + validators
            + " validators)";
    }
}
