package io.tally.consensus;

import io.tally.crypto.Hash;
import java.util.Objects;

/** A replica accepted the pre-prepare of {@code blockHash} at {@code height} in {@code view}. */
public record Prepare(long height, long view, Hash blockHash) implements ConsensusMessage {
    public Prepare {
        ConsensusMessage.checkHeightView(height, view);
        Objects.requireNonNull(blockHash, "blockHash");
    }

    @Override
    public MessageKind kind() {
        return MessageKind.PREPARE;
    }

    @Override
    public Hash voteDigest() {
        return blockHash;
    }
}
