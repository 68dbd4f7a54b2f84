package io.tally.ledger.state;

import io.tally.crypto.Address;
import io.tally.crypto.Bytes;
import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import java.util.Arrays;

/**
 * A key of the ledger state: {@code 0x01 || address(20)} for an account, {@code 0x02 ||
 * owner(20) || recordKey(1..64)} for a record. Its position in the state tree is
 * {@link #keyHash()} = SHA-256 of these bytes.
 */
public final class StateKey implements Comparable<StateKey> {
    public static final byte ACCOUNT = 0x01;
    public static final byte RECORD = 0x02;
    public static final int MAX_RECORD_KEY_LENGTH = 64;
    public static final int MAX_LENGTH = 1 + Address.LENGTH + MAX_RECORD_KEY_LENGTH;

    private final byte[] bytes;
    private final Hash keyHash;

    private StateKey(byte[] owned) {
        this.bytes = owned;
        this.keyHash = Sha256.hash(owned);
    }

    public static StateKey account(Address address) {
        byte[] b = new byte[1 + Address.LENGTH];
        b[0] = ACCOUNT;
        address.copyTo(b, 1);
        return new StateKey(b);
    }

    public static StateKey record(Address owner, byte[] recordKey) {
        if (recordKey == null || recordKey.length == 0 || recordKey.length > MAX_RECORD_KEY_LENGTH) {
            throw new IllegalArgumentException("record key must be 1.." + MAX_RECORD_KEY_LENGTH + " bytes");
        }
        byte[] b = new byte[1 + Address.LENGTH + recordKey.length];
        b[0] = RECORD;
        owner.copyTo(b, 1);
        System.arraycopy(recordKey, 0, b, 1 + Address.LENGTH, recordKey.length);
        return new StateKey(b);
    }

    /**
     * Parses the byte form.
     *
     * @throws IllegalArgumentException if the bytes are not an account or record key
     */
    public static StateKey fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 1 + Address.LENGTH) {
            throw new IllegalArgumentException("state key is too short");
        }
        if (bytes[0] == ACCOUNT && bytes.length == 1 + Address.LENGTH) {
            return new StateKey(bytes.clone());
        }
        if (bytes[0] == RECORD && bytes.length > 1 + Address.LENGTH && bytes.length <= MAX_LENGTH) {
            return new StateKey(bytes.clone());
        }
        throw new IllegalArgumentException("not an account or record state key: " + Bytes.toHex(bytes));
    }

    public boolean isAccount() {
        return bytes[0] == ACCOUNT;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** SHA-256 of {@link #bytes()}: the key's 256-bit path in the state tree. */
    public Hash keyHash() {
        return keyHash;
    }

    @Override
    public int compareTo(StateKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return keyHash.hashCode();
    }

    @Override
    public String toString() {
        return Bytes.toHex(bytes);
    }
}
