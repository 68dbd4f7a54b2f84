package io.tally.consensus;

import io.tally.crypto.PublicKey;
import io.tally.crypto.Signature;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.ValidatorSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Proof that {@code block} was prepared at (height, view): a quorum of distinct replicas signed
 * {@link Prepare}(height, view, block hash). Votes are sorted by sender, strictly increasing, so
 * the encoding is canonical.
 */
public record PreparedCertificate(long height, long view, Block block, List<Vote> prepares) {

    /** One prepare signature, by the sender's replica index. */
    public record Vote(int sender, Signature signature) {
        public Vote {
            if (sender < 0 || sender >= ValidatorSet.MAX_VALIDATORS) {
                throw new IllegalArgumentException("sender index out of range: " + sender);
            }
            Objects.requireNonNull(signature, "signature");
        }
    }

    public PreparedCertificate {
        ConsensusMessage.checkHeightView(height, view);
        Objects.requireNonNull(block, "block");
        if (block.height() != height) {
            throw new IllegalArgumentException("block height " + block.height() + " differs from " + height);
        }
        List<Vote> sorted = new ArrayList<>(prepares);
        sorted.sort((a, b) -> Integer.compare(a.sender(), b.sender()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).sender() == sorted.get(i - 1).sender()) {
                throw new IllegalArgumentException("two prepares from replica " + sorted.get(i).sender());
            }
        }
        prepares = List.copyOf(sorted);
    }

    public Prepare prepare() {
        return new Prepare(height, view, block.hash());
    }

    /** True when a quorum of distinct validators signed this prepare. Checks every signature. */
    public boolean verify(String chainId, ValidatorSet validators) {
        if (prepares.size() < validators.quorum()) {
            return false;
        }
        Prepare p = prepare();
        for (Vote v : prepares) {
            if (v.sender() >= validators.size()) {
                return false;
            }
            PublicKey key = validators.get(v.sender());
            if (!new SignedMessage(v.sender(), p, v.signature()).verify(chainId, key)) {
                return false;
            }
        }
        return true;
    }
}
