package io.tally.ledger.tx;

import io.tally.crypto.Bytes;
import java.util.Arrays;

/**
 * Stores {@code value} under {@code key} in the sender's namespace. A later record with the same
 * key replaces the value; an empty value is allowed (it still proves the write happened).
 */
public record RecordPayload(byte[] key, byte[] value) implements Payload {
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 4096;

    public RecordPayload {
        if (key == null || key.length == 0 || key.length > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("record key must be 1.." + MAX_KEY_LENGTH + " bytes");
        }
        if (value == null || value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("record value must be at most " + MAX_VALUE_LENGTH + " bytes");
        }
        key = key.clone();
        value = value.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public TxType type() {
        return TxType.RECORD;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordPayload r && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RecordPayload[key=" + Bytes.toHex(key) + ", value=" + value.length + " bytes]";
    }
}
