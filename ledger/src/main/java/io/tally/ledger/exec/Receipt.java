package io.tally.ledger.exec;

import io.tally.crypto.Hash;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.util.Objects;

/**
 * The result of one transaction in a committed block. Canonical encoding:
 * {@code u8 version(=1) | txHash(32) | u8 status}.
 */
public record Receipt(Hash txHash, ReceiptStatus status) {
    public static final int VERSION = 1;
    public static final int ENCODED_LENGTH = 1 + Hash.LENGTH + 1;

    public Receipt {
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(status, "status");
    }

    public boolean success() {
        return status.isSuccess();
    }

    public byte[] encode() {
        return new ByteWriter(ENCODED_LENGTH).u8(VERSION).raw(txHash.bytes()).u8(status.code()).toByteArray();
    }

    public static Receipt decode(byte[] bytes) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        int version = r.u8("receipt version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "unsupported receipt version " + version);
        }
        Hash tx = Hash.of(r.raw(Hash.LENGTH, "tx hash"));
        int code = r.u8("receipt status");
        ReceiptStatus status = ReceiptStatus.fromCode(code)
                .orElseThrow(() -> new DecodeException(Reason.UNKNOWN_TYPE, "unknown receipt status " + code));
        r.finish("receipt");
        return new Receipt(tx, status);
    }
}
