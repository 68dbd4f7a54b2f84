package io.tally.ledger.block;

import io.tally.crypto.Hash;
import io.tally.crypto.Signature;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Proof that a block was committed: commit signatures of at least a quorum of distinct validators
 * over {@link CommitStatement}(chainId, height, view, blockHash). Signatures are sorted by
 * validator index, strictly increasing, which makes the encoding canonical and rules out
 * duplicates by construction. Encoding:
 * {@code u64 height | u64 view | blockHash | u16 count | (u16 index | signature(64))*}.
 */
public record CommitCertificate(long height, long view, Hash blockHash, List<CommitSignature> signatures) {

    public CommitCertificate {
        if (height < 0 || view < 0) {
            throw new IllegalArgumentException("height and view must be non-negative");
        }
        Objects.requireNonNull(blockHash, "blockHash");
        List<CommitSignature> sorted = new ArrayList<>(signatures);
        sorted.sort((a, b) -> Integer.compare(a.validatorIndex(), b.validatorIndex()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).validatorIndex() == sorted.get(i - 1).validatorIndex()) {
                throw new IllegalArgumentException("two signatures from validator " + sorted.get(i).validatorIndex());
            }
        }
        signatures = List.copyOf(sorted);
    }

    public CommitStatement statement(String chainId) {
        return new CommitStatement(chainId, height, view, blockHash);
    }

    /**
     * Checks that a quorum of distinct members of {@code validators} signed this block's commit
     * statement on {@code chainId}.
     */
    public void verify(String chainId, ValidatorSet validators) throws InvalidCertificateException {
        if (signatures.size() < validators.quorum()) {
            throw new InvalidCertificateException("certificate has " + signatures.size()
                + " signatures, a quorum of " + validators.size() + " validators is " + validators.quorum());
        }
        CommitStatement statement = statement(chainId);
        byte[] message = statement.message();
        for (CommitSignature s : signatures) {
            if (s.validatorIndex() >= validators.size()) {
                throw new InvalidCertificateException("signature from unknown validator index " + s.validatorIndex());
            }
            if (!io.tally.crypto.SignDomain.COMMIT.verify(chainId, validators.get(s.validatorIndex()), message,
                    s.signature())) {
                throw new InvalidCertificateException("invalid signature from validator " + s.validatorIndex());
            }
        }
    }

    /** {@link #verify(String, ValidatorSet)} plus a check that it certifies the given block. */
    public void verifyFor(String chainId, ValidatorSet validators, long expectedHeight, Hash expectedBlockHash)
            throws InvalidCertificateException {
        if (height != expectedHeight || !blockHash.equals(expectedBlockHash)) {
            throw new InvalidCertificateException("certificate is for height " + height + " block " + blockHash
                + ", expected height " + expectedHeight + " block " + expectedBlockHash);
        }
        verify(chainId, validators);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(50 + signatures.size() * 66);
        w.u63(height).u63(view).raw(blockHash.bytes()).u16(signatures.size());
        for (CommitSignature s : signatures) {
            w.u16(s.validatorIndex()).raw(s.signature().bytes());
        }
        return w.toByteArray();
    }

    public static CommitCertificate decode(byte[] bytes) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        long height = r.u63("height");
        long view = r.u63("view");
        Hash blockHash = Hash.of(r.raw(Hash.LENGTH, "block hash"));
        int count = r.u16("signature count");
        if (count > ValidatorSet.MAX_VALIDATORS) {
            throw new DecodeException(Reason.OVERSIZE, count + " signatures exceed the validator limit");
        }
        List<CommitSignature> sigs = new ArrayList<>(count);
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int index = r.u16("validator index");
            if (index <= previous || index >= ValidatorSet.MAX_VALIDATORS) {
                throw new DecodeException(Reason.NON_CANONICAL, "validator indices must be strictly increasing");
            }
            previous = index;
            sigs.add(new CommitSignature(index, Signature.of(r.raw(Signature.LENGTH, "signature"))));
        }
        r.finish("commit certificate");
        return new CommitCertificate(height, view, blockHash, sigs);
    }
}
