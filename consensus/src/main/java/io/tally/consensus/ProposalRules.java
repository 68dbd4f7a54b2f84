package io.tally.consensus;

import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.ValidatorSet;
import java.util.Map;
import java.util.Optional;

/**
 * Stateless checks of what a primary proposes and of new-view justifications (PBFT's new-view
 * rule for a single sequence number). Every signature is verified here unless the same signed
 * claim was already verified.
 */
final class ProposalRules {
    private final PbftConfig config;
    private final ValidatorSet validators;

    ProposalRules(PbftConfig config, ValidatorSet validators) {
        this.config = config;
        this.validators = validators;
    }

    /**
     * A block may be voted on at {@code head}'s next height when it extends the head, carries this
     * chain and validator set, is later than its parent, matches its transaction root, and (for a
     * fresh proposal) names the primary as proposer.
     */
    boolean extendsHead(Block block, BlockHeader head, Hash headHash, PublicKey expectedProposer) {
        BlockHeader h = block.header();
        return h.chainId().equals(config.chainId()) && h.height() == head.height() + 1
            && h.previousHash().equals(headHash) && h.timestampMillis() > head.timestampMillis()
            && h.validatorSetHash().equals(validators.hash())
            && (expectedProposer == null || h.proposer().equals(expectedProposer))
            && block.transactions().size() <= config.maxBlockTransactions() && block.checkTxRoot();
    }

    /** A view change's prepared certificate, if any, holds a quorum of valid prepares for its block. */
    boolean viewChangeContentValid(ViewChange vc) {
        return vc.prepared().map(c -> c.block().checkTxRoot() && c.verify(config.chainId(), validators)).orElse(true);
    }

    /**
     * PBFT's new-view check: a quorum of distinct, valid view changes for the view, and a
     * pre-prepare signed by the new primary that re-proposes the block of the highest prepared
     * certificate among them (any block, or none, when none is prepared).
     *
     * @param verified view changes for this view already verified by the replica, by sender
     */
    boolean newViewValid(int sender, NewView nv, Map<Integer, SignedMessage> verified) {
        if (nv.viewChanges().size() < validators.quorum()) {
            return false;
        }
        PreparedCertificate best = null;
        for (SignedMessage vm : nv.viewChanges()) {
            if (vm.sender() >= validators.size()) {
                return false;
            }
            ViewChange vc = (ViewChange) vm.body();
            SignedMessage seen = verified.get(vm.sender());
            boolean alreadyVerified = seen != null && seen.signature().equals(vm.signature())
                && seen.body().voteDigest().equals(vc.voteDigest());
            if (alreadyVerified) {
                // Same signed claim as one we verified; only the carried block body can differ.
                if (vc.prepared().isPresent() && !vc.prepared().get().block().checkTxRoot()) {
                    return false;
                }
            } else if (!vm.verify(config.chainId(), validators.get(vm.sender())) || !viewChangeContentValid(vc)) {
                return false;
            }
            if (vc.prepared().isPresent()) {
                best = higher(best, vc.prepared().get());
            }
        }
        Optional<SignedMessage> pp = nv.prePrepare();
        if (pp.isPresent() && (pp.get().sender() != sender
                || !pp.get().verify(config.chainId(), validators.get(sender)))) {
            return false;
        }
        if (best != null) {
            return pp.isPresent() && ((PrePrepare) pp.get().body()).block().hash().equals(best.block().hash());
        }
        return true;
    }

    /** The higher of two prepared certificates: by view, then (only under f+1 faults) by hash. */
    static PreparedCertificate higher(PreparedCertificate a, PreparedCertificate b) {
        if (a == null) {
            return b;
        }
        if (b.view() != a.view()) {
            return b.view() > a.view() ? b : a;
        }
        return b.block().hash().compareTo(a.block().hash()) > 0 ? b : a;
    }

    /** True when some view change in the new view is prepared, so its pre-prepare is a re-proposal. */
    static boolean isForced(NewView nv) {
        for (SignedMessage vm : nv.viewChanges()) {
            if (((ViewChange) vm.body()).prepared().isPresent()) {
                return true;
            }
        }
        return false;
    }
}
