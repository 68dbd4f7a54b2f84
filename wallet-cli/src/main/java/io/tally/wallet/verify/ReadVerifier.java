package io.tally.wallet.verify;

import io.tally.crypto.Bytes;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.block.MerkleTree;
import io.tally.ledger.state.StateProof;
import io.tally.ledger.tx.Transaction;
import io.tally.wallet.rpc.NodeViews;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether to believe a node. Pure: it sees the trust anchor and what the node served,
 * nothing else. A header is believed only with a certificate from a quorum of the trusted
 * validators; state values only with a proof against a believed header's stateRoot; transactions
 * only with an audit path to a believed header's txRoot.
 */
public final class ReadVerifier {
    private final TrustAnchor anchor;

    public ReadVerifier(TrustAnchor anchor) {
        this.anchor = anchor;
    }

    public TrustAnchor anchor() {
        return anchor;
    }

    /** Checks a served block 0 header against the one computed from the trusted genesis file. */
    public Verified genesis(BlockHeader served) {
        BlockHeader mine = anchor.genesis().orElseThrow(() -> new io.tally.wallet.WalletException(
            "block 0 (genesis) has no commit certificate; verifying it needs a full genesis file as --genesis "
                + "(a validator-set file is not enough), or retry once block 1 is committed, or pass --no-verify"));
        if (!mine.equals(served) || !mine.hash().equals(served.hash())) {
            throw new VerificationException("the node's genesis block " + served.hash()
                + " differs from the one computed from the trusted genesis file " + mine.hash());
        }
        return new Verified(mine, 0, anchor.validators().size());
    }

    /** Checks that {@code cert} commits {@code header} under the trusted validator set. */
    public Verified header(BlockHeader header, CommitCertificate cert) {
        if (!header.chainId().equals(anchor.chainId())) {
            throw new VerificationException("block is for chain '" + header.chainId() + "', the trusted chain is '"
                + anchor.chainId() + "'");
        }
        if (!header.validatorSetHash().equals(anchor.validators().hash())) {
            throw new VerificationException("block " + header.height() + " names validator set "
                + header.validatorSetHash() + ", not the trusted one " + anchor.validators().hash());
        }
        try {
            cert.verifyFor(anchor.chainId(), anchor.validators(), header.height(), header.hash());
        } catch (InvalidCertificateException e) {
            throw new VerificationException("bad commit certificate for block " + header.height() + ": " + e.getMessage());
        }
        return new Verified(header, cert.signatures().size(), anchor.validators().size());
    }

    /**
     * Checks a served state proof: it is relative to the verified header, proves {@code key}, and
     * proves exactly {@code claimedValue} (null = absent).
     */
    public void state(Verified at, NodeViews.StateProofView proof, byte[] expectedKey, byte[] claimedValue) {
        if (proof.height() != at.height() || !proof.stateRoot().equals(at.header().stateRoot())) {
            throw new VerificationException("state proof claims height " + proof.height() + " root " + proof.stateRoot()
                + " but the certified block " + at.height() + " has state root " + at.header().stateRoot());
        }
        if (!Arrays.equals(proof.key(), expectedKey)) {
            throw new VerificationException("state proof is for key " + Bytes.toHex(proof.key()) + ", not the requested "
                + Bytes.toHex(expectedKey));
        }
        if (!Arrays.equals(proof.value(), claimedValue)) {
            throw new VerificationException("state proof value does not match the value the node reported");
        }
        if (!StateProof.verify(at.header().stateRoot(), expectedKey, claimedValue, proof.proof())) {
            throw new VerificationException("state proof does not match the certified state root "
                + at.header().stateRoot() + " at height " + at.height());
        }
    }

    /** Checks that {@code tx} is at {@code proof.index()} of the verified block's transactions. */
    public void inclusion(Verified at, Hash txHash, NodeViews.InclusionProof proof) {
        if (!MerkleTree.verify(at.header().txRoot(), txHash, proof.index(), proof.count(), proof.path())) {
            throw new VerificationException("inclusion proof of transaction " + txHash + " does not match txRoot "
                + at.header().txRoot() + " of block " + at.height());
        }
    }

    /** Checks that a served block body is the one the verified header commits to. */
    public void body(Verified at, List<Transaction> txs) {
        if (!Block.computeTxRoot(txs).equals(at.header().txRoot())) {
            throw new VerificationException("block " + at.height() + " body does not match its certified txRoot");
        }
    }

    /** Checks a list of transaction hashes against the verified header (for blocks fetched without bodies). */
    public void hashes(Verified at, List<Hash> txHashes) {
        if (!MerkleTree.root(txHashes).equals(at.header().txRoot())) {
            throw new VerificationException("block " + at.height() + " transaction hashes do not match its certified txRoot");
        }
    }
}
