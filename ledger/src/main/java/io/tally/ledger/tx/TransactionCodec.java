package io.tally.ledger.tx;

import io.tally.crypto.Address;
import io.tally.crypto.PublicKey;
import io.tally.crypto.SignDomain;
import io.tally.crypto.Signature;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.nio.charset.StandardCharsets;

/**
 * Canonical binary encoding of transactions (docs/encoding.md):
 *
 * <pre>
 * unsigned = u8 version(=1) | u8 len | chainId (ASCII) | u8 type | sender (32) | u64 nonce | payload
 *   TRANSFER payload = to (20) | u64 amount (1 .. 2^63-1)
 *   RECORD   payload = u8 len | key (1..64) | u16 len | value (0..4096)
 * signed   = unsigned | signature (64)
 * </pre>
 *
 * Decoding is strict: one value has one encoding, and anything else is a {@link DecodeException}.
 */
public final class TransactionCodec {
    public static final int VERSION = 1;
    /** The largest possible signed encoding: a RECORD with a 64-character chain id, 64-byte key and 4 KiB value. */
    public static final int MAX_ENCODED_LENGTH = 1 + 1 + SignDomain.MAX_CHAIN_ID_LENGTH + 1 + PublicKey.LENGTH + 8
            + 1 + RecordPayload.MAX_KEY_LENGTH + 2 + RecordPayload.MAX_VALUE_LENGTH + Signature.LENGTH;

    private TransactionCodec() {}

    static byte[] encodeUnsigned(String chainId, PublicKey sender, long nonce, Payload payload) {
        ByteWriter w = new ByteWriter(160);
        w.u8(VERSION).bytes8(chainId.getBytes(StandardCharsets.US_ASCII)).u8(payload.type().code());
        w.raw(sender.bytes()).u63(nonce);
        switch (payload.type()) {
            case TRANSFER -> {
                TransferPayload t = (TransferPayload) payload;
                w.raw(t.to().bytes()).u63(t.amount());
            }
            case RECORD -> {
                RecordPayload r = (RecordPayload) payload;
                w.bytes8(r.key()).bytes16(r.value());
            }
        }
        return w.toByteArray();
    }

    static byte[] appendSignature(byte[] unsigned, Signature signature) {
        byte[] out = new byte[unsigned.length + Signature.LENGTH];
        System.arraycopy(unsigned, 0, out, 0, unsigned.length);
        signature.copyTo(out, unsigned.length);
        return out;
    }

    /** Decodes a signed transaction. Does not verify the signature (see {@link Transaction#verifySignature()}). */
    public static Transaction decode(byte[] bytes) throws DecodeException {
        if (bytes == null) {
            throw new DecodeException(Reason.TRUNCATED, "no transaction bytes");
        }
        if (bytes.length > MAX_ENCODED_LENGTH) {
            throw new DecodeException(Reason.OVERSIZE,
                "transaction is " + bytes.length + " bytes, the limit is " + MAX_ENCODED_LENGTH);
        }
        ByteReader r = new ByteReader(bytes);
        int version = r.u8("version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "unsupported transaction version " + version);
        }
        String chainId = new String(r.bytes8(SignDomain.MAX_CHAIN_ID_LENGTH, "chain id"), StandardCharsets.US_ASCII);
        try {
            SignDomain.checkChainId(chainId);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(Reason.INVALID_VALUE, e.getMessage());
        }
        int typeCode = r.u8("type");
        TxType type = TxType.fromCode(typeCode)
            .orElseThrow(() -> new DecodeException(Reason.UNKNOWN_TYPE, "unknown transaction type " + typeCode));
        PublicKey sender = PublicKey.of(r.raw(PublicKey.LENGTH, "sender"));
        long nonce = r.u63("nonce");
        Payload payload = switch (type) {
            case TRANSFER -> decodeTransfer(r);
            case RECORD -> decodeRecord(r);
        };
        Signature signature = Signature.of(r.raw(Signature.LENGTH, "signature"));
        r.finish("transaction");
        return new Transaction(chainId, sender, nonce, payload, signature, bytes.clone());
    }

    private static Payload decodeTransfer(ByteReader r) throws DecodeException {
        Address to = Address.fromBytes(r.raw(Address.LENGTH, "recipient"));
        long amount = r.u63("amount");
        if (amount == 0) {
            throw new DecodeException(Reason.INVALID_VALUE, "transfer amount must be positive");
        }
        return new TransferPayload(to, amount);
    }

    private static Payload decodeRecord(ByteReader r) throws DecodeException {
        byte[] key = r.bytes8(RecordPayload.MAX_KEY_LENGTH, "record key");
        if (key.length == 0) {
            throw new DecodeException(Reason.INVALID_VALUE, "record key must not be empty");
        }
        byte[] value = r.bytes16(RecordPayload.MAX_VALUE_LENGTH, "record value");
        return new RecordPayload(key, value);
    }
}
