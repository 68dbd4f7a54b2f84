package io.tally.consensus;

import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.util.Arrays;
import java.util.Objects;

/**
 * One durable record of the vote store: either a message this replica signed (so it can re-send
 * it and never sign a conflicting one) or a prepared certificate it reached (so a view change
 * after a crash still reports it). Encoding:
 * {@code u8 version(=1) | u8 type | u64 height | u64 view | u32 len | payload}, where the payload
 * is a {@link MessageCodec} envelope or certificate. The node keys records by
 * (height, view, type, kind) in its store; the replica only needs them back in any order.
 */
public record PersistedRecord(Type type, long height, long view, byte[] payload) {
    public static final int VERSION = 1;

    public enum Type {
        OWN_MESSAGE(1),
        PREPARED_CERTIFICATE(2);

        private final int code;

        Type(int code) {
            this.code = code;
        }
    }

    public PersistedRecord {
        Objects.requireNonNull(type, "type");
        ConsensusMessage.checkHeightView(height, view);
        payload = payload.clone();
    }

    public static PersistedRecord of(SignedMessage own) {
        return new PersistedRecord(Type.OWN_MESSAGE, own.body().height(), own.body().view(), own.encode());
    }

    public static PersistedRecord of(PreparedCertificate cert) {
        return new PersistedRecord(Type.PREPARED_CERTIFICATE, cert.height(), cert.view(),
            MessageCodec.encodeCertificate(cert));
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] encode() {
        return new ByteWriter(payload.length + 32).u8(VERSION).u8(type.code).u63(height).u63(view).bytes32(payload)
            .toByteArray();
    }

    public static PersistedRecord decode(byte[] bytes) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        int version = r.u8("record version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "unsupported vote record version " + version);
        }
        int code = r.u8("record type");
        Type type = Arrays.stream(Type.values()).filter(t -> t.code == code).findFirst()
            .orElseThrow(() -> new DecodeException(Reason.UNKNOWN_TYPE, "unknown vote record type " + code));
        long height = r.u63("height");
        long view = r.u63("view");
        byte[] payload = r.bytes32(Integer.MAX_VALUE - 16, "payload");
        r.finish("vote record");
        try {
            return new PersistedRecord(type, height, view, payload);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(Reason.INVALID_VALUE, e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersistedRecord p && type == p.type && height == p.height && view == p.view
            && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, height, view, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "PersistedRecord{" + type + ", h=" + height + ", v=" + view + ", " + payload.length + " bytes}";
    }
}
