package io.tally.consensus;

import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import java.util.Objects;

/** Everything that can happen to a replica. Time enters only through the {@code nowMillis} fields. */
public sealed interface Event {

    /** First event after construction (fresh or restored from persisted records). */
    record Start(long nowMillis) implements Event {}

    /** Encoded bytes from a peer; the replica decodes, checks and counts them. */
    record PeerMessage(byte[] bytes) implements Event {
        public PeerMessage {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** A timer set by {@link Action.SetTimer} fired; {@code token} tells stale firings apart. */
    record TimerFired(TimerKind kind, long token, long nowMillis) implements Event {
        public TimerFired {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The mempool holds transactions: a height is pending and the primary should propose. */
    record TransactionsPending(long nowMillis) implements Event {}

    /** Answer to {@link Action.BuildProposal}. */
    record ProposalBuilt(long height, long view, Block block) implements Event {
        public ProposalBuilt {
            Objects.requireNonNull(block, "block");
        }
    }

    /** Answer to {@link Action.ValidateProposal}: the node executed the block against the ledger. */
    record BlockValidated(long height, Hash blockHash, boolean valid) implements Event {
        public BlockValidated {
            Objects.requireNonNull(blockHash, "blockHash");
        }
    }

    /**
     * The chain has a new head (after applying this replica's commit or after sync), with the
     * head's commit certificate (the replica relays its votes to validators still at that
     * height). {@code transactionsPending} says whether the mempool still holds transactions.
     */
    record ChainAdvanced(BlockHeader head, CommitCertificate headCertificate, boolean transactionsPending)
            implements Event {
        public ChainAdvanced {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(headCertificate, "headCertificate");
            if (headCertificate.height() != head.height() || !headCertificate.blockHash().equals(head.hash())) {
                throw new IllegalArgumentException("the certificate is not for the head block");
            }
        }
    }
}
