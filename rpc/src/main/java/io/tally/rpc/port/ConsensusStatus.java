package io.tally.rpc.port;

import io.tally.crypto.PublicKey;
import java.util.Objects;

/**
 * A snapshot of the consensus round in progress. {@code phase} is the replica's phase name (e.g.
 * {@code PRE_PREPARE}, {@code PREPARE}, {@code COMMIT}, {@code VIEW_CHANGE}); {@code viewChanges}
 * counts view changes since the process started.
 */
public record ConsensusStatus(long height, long view, String phase, int primaryIndex, PublicKey primary,
        long viewChanges) {
    public ConsensusStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(primary, "primary");
    }
}
