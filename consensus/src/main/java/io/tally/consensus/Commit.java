package io.tally.consensus;

import io.tally.crypto.Hash;
import java.util.Objects;

/**
 * A replica is prepared on {@code blockHash} and votes to commit it. Its envelope signature is the
 * {@link io.tally.ledger.block.CommitStatement} signature, so a quorum of commits is a commit
 * certificate as it stands.
 */
public record Commit(long height, long view, Hash blockHash) implements ConsensusMessage {
    public Commit {
        ConsensusMessage.checkHeightView(height, view);
        Objects.requireNonNull(blockHash, "blockHash");
    }

    @Override
    public MessageKind kind() {
        return MessageKind.COMMIT;
    }

    @Override
    public Hash voteDigest() {
        return blockHash;
    }
}
