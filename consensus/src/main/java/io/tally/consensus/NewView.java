package io.tally.consensus;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The new primary's announcement of {@code view}: a quorum of signed view changes for it, and the
 * signed pre-prepare that re-proposes the block of the highest prepared certificate among them.
 * When none of them is prepared the pre-prepare may be absent; the primary then proposes a fresh
 * block with an ordinary pre-prepare once transactions are pending.
 */
public record NewView(long height, long view, List<SignedMessage> viewChanges, Optional<SignedMessage> prePrepare)
        implements ConsensusMessage {
    public NewView {
        ConsensusMessage.checkHeightView(height, view);
        if (view < 1) {
            throw new IllegalArgumentException("a new view is for a view >= 1");
        }
        List<SignedMessage> sorted = new ArrayList<>(viewChanges);
        sorted.sort((a, b) -> Integer.compare(a.sender(), b.sender()));
        for (int i = 0; i < sorted.size(); i++) {
            SignedMessage m = sorted.get(i);
            if (!(m.body() instanceof ViewChange vc) || vc.height() != height || vc.view() != view) {
                throw new IllegalArgumentException("new view carries a message that is not a view change for ("
                    + height + ", " + view + ")");
            }
            if (i > 0 && sorted.get(i - 1).sender() == m.sender()) {
                throw new IllegalArgumentException("two view changes from replica " + m.sender());
            }
        }
        viewChanges = List.copyOf(sorted);
        Objects.requireNonNull(prePrepare, "prePrepare");
        prePrepare.ifPresent(p -> {
            if (!(p.body() instanceof PrePrepare pp) || pp.height() != height || pp.view() != view) {
                throw new IllegalArgumentException("new view carries a pre-prepare for another height or view");
            }
        });
    }

    @Override
    public MessageKind kind() {
        return MessageKind.NEW_VIEW;
    }

    /** The hash of the canonical body: a new view has no smaller meaningful identity. */
    @Override
    public Hash voteDigest() {
        return Sha256.hash(MessageCodec.encodeBody(this));
    }
}
