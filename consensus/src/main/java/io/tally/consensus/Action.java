package io.tally.consensus;

import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.crypto.Hash;
import java.util.List;
import java.util.Objects;

/**
 * What a replica asks its driver to do. A driver applies the actions of one step in the order
 * persist (then fsync) → send → everything else, so no vote leaves before it is durable.
 */
public sealed interface Action {

    /** Durably store a record; the driver must fsync before any {@link Send} of the same step. */
    record Persist(PersistedRecord record) implements Action {
        public Persist {
            Objects.requireNonNull(record, "record");
        }
    }

    /** Records below this height are no longer needed (that height is committed). */
    record PruneBelow(long height) implements Action {}

    /** Send encoded bytes to one replica (by validator index), or to all others when {@code to} is -1. */
    record Send(int to, SignedMessage message, byte[] bytes) implements Action {
        public static final int BROADCAST = -1;

        public Send {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(bytes, "bytes");
        }

        public boolean broadcast() {
            return to == BROADCAST;
        }
    }

    /** Build a block for (height, view) on top of {@code parentHash}; answer with {@link Event.ProposalBuilt}. */
    record BuildProposal(long height, long view, Hash parentHash, long timestampMillis) implements Action {}

    /** Execute a proposed block against the ledger; answer with {@link Event.BlockValidated}. */
    record ValidateProposal(Block block) implements Action {}

    /** The block is committed: apply it with its certificate, then feed {@link Event.ChainAdvanced}. */
    record CommitBlock(Block block, CommitCertificate certificate) implements Action {}

    /** Arm (or re-arm) the timer of {@code kind}; when it fires feed {@link Event.TimerFired} with the token. */
    record SetTimer(TimerKind kind, long token, long delayMillis) implements Action {}

    /**
     * This replica is behind: fetch and apply blocks up to {@code targetHeight} (from the hinted
     * validators first), then feed {@link Event.ChainAdvanced}.
     */
    record SyncRequest(long targetHeight, List<Integer> hintPeers) implements Action {
        public SyncRequest {
            hintPeers = List.copyOf(hintPeers);
        }
    }

    /** Two conflicting signed messages from one validator: store and expose them. */
    record ReportEvidence(Evidence evidence) implements Action {}
}
