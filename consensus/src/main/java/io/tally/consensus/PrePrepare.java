package io.tally.consensus;

import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import java.util.Objects;

/** The primary's proposal of {@code block} for {@code height} in {@code view}; carries the whole block. */
public record PrePrepare(long height, long view, Block block) implements ConsensusMessage {
    public PrePrepare {
        ConsensusMessage.checkHeightView(height, view);
        Objects.requireNonNull(block, "block");
        if (block.height() != height) {
            throw new IllegalArgumentException("block height " + block.height() + " differs from " + height);
        }
    }

    @Override
    public MessageKind kind() {
        return MessageKind.PRE_PREPARE;
    }

    @Override
    public Hash voteDigest() {
        return block.hash();
    }
}
