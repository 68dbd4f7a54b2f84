package io.tally.ledger.tx;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Sha256;
import io.tally.crypto.SignDomain;
import io.tally.crypto.Signature;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed transaction. Immutable; its canonical encoding and hash are computed once.
 *
 * <p>The signature covers {@link SignDomain#TRANSACTION} framing of the unsigned encoding, so it
 * binds the chain id twice: in the frame and in the body. The hash is SHA-256 of the signed
 * encoding. Construct with {@link #sign} or {@link TransactionCodec#decode}.
 */
public final class Transaction {
    private final String chainId;
    private final PublicKey sender;
    private final long nonce;
    private final Payload payload;
    private final Signature signature;
    private final byte[] encoded;
    private final Hash hash;

    Transaction(String chainId, PublicKey sender, long nonce, Payload payload, Signature signature, byte[] encoded) {
        this.chainId = chainId;
        this.sender = sender;
        this.nonce = nonce;
        this.payload = payload;
        this.signature = signature;
        this.encoded = encoded;
        this.hash = Sha256.hash(encoded);
    }

    /** Builds and signs a transaction; validates every field. */
    public static Transaction sign(KeyPair keys, String chainId, long nonce, Payload payload) {
        Objects.requireNonNull(payload, "payload");
        SignDomain.checkChainId(chainId);
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must be non-negative");
        }
        byte[] unsigned = TransactionCodec.encodeUnsigned(chainId, keys.publicKey(), nonce, payload);
        Signature sig = keys.sign(SignDomain.TRANSACTION, chainId, unsigned);
        return new Transaction(chainId, keys.publicKey(), nonce, payload, sig, TransactionCodec.appendSignature(unsigned, sig));
    }

    public String chainId() {
        return chainId;
    }

    public TxType type() {
        return payload.type();
    }

    public PublicKey sender() {
        return sender;
    }

    public Address senderAddress() {
        return sender.address();
    }

    public long nonce() {
        return nonce;
    }

    public Payload payload() {
        return payload;
    }

    public Signature signature() {
        return signature;
    }

    /** SHA-256 of {@link #encoded()}. */
    public Hash hash() {
        return hash;
    }

    /** The canonical signed encoding (a copy). */
    public byte[] encoded() {
        return encoded.clone();
    }

    public int encodedLength() {
        return encoded.length;
    }

    /** The bytes the signature covers, before domain framing. */
    public byte[] unsignedEncoding() {
        return Arrays.copyOf(encoded, encoded.length - Signature.LENGTH);
    }

    /** Checks the sender's signature; never throws. */
    public boolean verifySignature() {
        return SignDomain.TRANSACTION.verify(chainId, sender, unsignedEncoding(), signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction t && hash.equals(t.hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Transaction{" + hash.toHex().substring(0, 16) + " " + payload.type() + " nonce=" + nonce + "}";
    }
}
