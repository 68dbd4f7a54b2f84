package io.tally.ledger.block;

import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.crypto.SignDomain;
import io.tally.crypto.Signature;
import io.tally.crypto.Signer;
import io.tally.ledger.codec.ByteWriter;
import java.util.Objects;

/**
 * What a validator signs to commit a block: {@code u64 height | u64 view | blockHash}, framed by
 * {@link SignDomain#COMMIT} with the chain id. A consensus commit vote and a certificate signature
 * are the same signature, so certificates are just collected commit votes.
 */
public record CommitStatement(String chainId, long height, long view, Hash blockHash) {
    public CommitStatement {
        SignDomain.checkChainId(chainId);
        if (height < 0 || view < 0) {
            throw new IllegalArgumentException("height and view must be non-negative");
        }
        Objects.requireNonNull(blockHash, "blockHash");
    }

    /** The message before domain framing. */
    public byte[] message() {
        return new ByteWriter(48).u63(height).u63(view).raw(blockHash.bytes()).toByteArray();
    }

    public Signature sign(Signer signer) {
        return signer.sign(SignDomain.COMMIT, chainId, message());
    }

    public boolean verify(PublicKey key, Signature signature) {
        return SignDomain.COMMIT.verify(chainId, key, message(), signature);
    }
}
