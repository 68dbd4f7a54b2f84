package io.tally.consensus;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import io.tally.ledger.codec.ByteWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * A replica asks to move to {@code view} at {@code height}, carrying the prepared certificate of
 * the highest view in which it was prepared at this height (PBFT's P set, reduced to the single
 * sequence number a chain has in flight).
 */
public record ViewChange(long height, long view, Optional<PreparedCertificate> prepared) implements ConsensusMessage {
    public ViewChange {
        ConsensusMessage.checkHeightView(height, view);
        if (view < 1) {
            throw new IllegalArgumentException("a view change targets a view >= 1");
        }
        Objects.requireNonNull(prepared, "prepared");
        prepared.ifPresent(p -> {
            if (p.height() != height || p.view() >= view) {
                throw new IllegalArgumentException("prepared certificate (" + p.height() + ", " + p.view()
                    + ") does not precede view change (" + height + ", " + view + ")");
            }
        });
    }

    @Override
    public MessageKind kind() {
        return MessageKind.VIEW_CHANGE;
    }

    /** Commits to the prepared (view, block) claim; the prepare signatures are only its proof. */
    @Override
    public Hash voteDigest() {
        ByteWriter w = new ByteWriter(48);
        if (prepared.isEmpty()) {
            w.u8(0);
        } else {
            w.u8(1).u63(prepared.get().view()).raw(prepared.get().block().hash().bytes());
        }
        return Sha256.hash(w.toByteArray());
    }
}
