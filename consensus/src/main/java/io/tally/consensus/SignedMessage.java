package io.tally.consensus;

import io.tally.crypto.PublicKey;
import io.tally.crypto.SignDomain;
import io.tally.crypto.Signature;
import io.tally.crypto.Signer;
import io.tally.ledger.block.CommitStatement;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.codec.ByteWriter;
import java.util.Objects;

/**
 * The authenticated envelope: which replica (by validator index) signed which body.
 *
 * <p>Sign-bytes: a commit is signed as its {@link CommitStatement} under {@link SignDomain#COMMIT},
 * so collected commits are a {@link io.tally.ledger.block.CommitCertificate}. Every other kind is
 * signed under {@link SignDomain#CONSENSUS} over {@code u8 kind | u64 height | u64 view |
 * voteDigest(32)}: the digest binds the content (a block hash, or a hash of the body), so signing
 * never re-hashes a whole block.
 */
public record SignedMessage(int sender, ConsensusMessage body, Signature signature) {
    public SignedMessage {
        if (sender < 0 || sender >= ValidatorSet.MAX_VALIDATORS) {
            throw new IllegalArgumentException("sender index out of range: " + sender);
        }
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
    }

    public static SignedMessage sign(String chainId, int sender, ConsensusMessage body, Signer signer) {
        Signature sig;
        if (body instanceof Commit c) {
            sig = new CommitStatement(chainId, c.height(), c.view(), c.blockHash()).sign(signer);
        } else {
            sig = signer.sign(SignDomain.CONSENSUS, chainId, signBytes(body));
        }
        return new SignedMessage(sender, body, sig);
    }

    /** Checks this envelope's own signature only; nested content is checked by the replica. */
    public boolean verify(String chainId, PublicKey key) {
        if (body instanceof Commit c) {
            return new CommitStatement(chainId, c.height(), c.view(), c.blockHash()).verify(key, signature);
        }
        return SignDomain.CONSENSUS.verify(chainId, key, signBytes(body), signature);
    }

    public static byte[] signBytes(ConsensusMessage body) {
        return new ByteWriter(64).u8(body.kind().code()).u63(body.height()).u63(body.view())
            .raw(body.voteDigest().bytes()).toByteArray();
    }

    public byte[] encode() {
        return MessageCodec.encode(this);
    }
}
