package io.tally.ledger.block;

import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Sha256;
import io.tally.crypto.SignDomain;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A block header. The block hash is SHA-256 of its canonical encoding:
 *
 * <pre>
 * u8 version(=1) | u8 len | chainId | u64 height | u64 timestampMillis | previousHash (32)
 *   | proposer (32) | txRoot (32) | stateRoot (32) | validatorSetHash (32)
 * </pre>
 *
 * The genesis block (height 0) has a zero previous hash and a zero proposer key.
 */
public record BlockHeader(String chainId, long height, long timestampMillis, Hash previousHash, PublicKey proposer,
        Hash txRoot, Hash stateRoot, Hash validatorSetHash) {
    public static final int VERSION = 1;
    public static final PublicKey NO_PROPOSER = PublicKey.of(new byte[PublicKey.LENGTH]);

    public BlockHeader {
        SignDomain.checkChainId(chainId);
        if (height < 0 || timestampMillis < 0) {
            throw new IllegalArgumentException("height and timestamp must be non-negative");
        }
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(txRoot, "txRoot");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(validatorSetHash, "validatorSetHash");
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(256);
        encodeTo(w);
        return w.toByteArray();
    }

    void encodeTo(ByteWriter w) {
        w.u8(VERSION).bytes8(chainId.getBytes(StandardCharsets.US_ASCII)).u63(height).u63(timestampMillis);
        w.raw(previousHash.bytes()).raw(proposer.bytes()).raw(txRoot.bytes()).raw(stateRoot.bytes())
            .raw(validatorSetHash.bytes());
    }

    /** The block hash. */
    public Hash hash() {
        return Sha256.hash(encode());
    }

    public static BlockHeader decode(byte[] bytes) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        BlockHeader h = decodeFrom(r);
        r.finish("block header");
        return h;
    }

    static BlockHeader decodeFrom(ByteReader r) throws DecodeException {
        int version = r.u8("header version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "unsupported block header version " + version);
        }
        String chainId = new String(r.bytes8(SignDomain.MAX_CHAIN_ID_LENGTH, "chain id"), StandardCharsets.US_ASCII);
        try {
            SignDomain.checkChainId(chainId);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(Reason.INVALID_VALUE, e.getMessage());
        }
        long height = r.u63("height");
        long time = r.u63("timestamp");
        Hash prev = Hash.of(r.raw(Hash.LENGTH, "previous hash"));
        PublicKey proposer = PublicKey.of(r.raw(PublicKey.LENGTH, "proposer"));
        Hash txRoot = Hash.of(r.raw(Hash.LENGTH, "tx root"));
        Hash stateRoot = Hash.of(r.raw(Hash.LENGTH, "state root"));
        Hash vsHash = Hash.of(r.raw(Hash.LENGTH, "validator set hash"));
        return new BlockHeader(chainId, height, time, prev, proposer, txRoot, stateRoot, vsHash);
    }
}
