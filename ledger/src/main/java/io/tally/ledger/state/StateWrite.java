package io.tally.ledger.state;

import java.util.Arrays;
import java.util.Objects;

/** One change to the state: set {@code key} to {@code value}, or delete it when value is null. */
public final class StateWrite {
    private final StateKey key;
    private final byte[] value;

    private StateWrite(StateKey key, byte[] value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = value;
    }

    public static StateWrite put(StateKey key, byte[] value) {
        return new StateWrite(key, Objects.requireNonNull(value, "value").clone());
    }

    public static StateWrite delete(StateKey key) {
        return new StateWrite(key, null);
    }

    public StateKey key() {
        return key;
    }

    public boolean isDelete() {
        return value == null;
    }

    /** The new value; null for a delete. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    byte[] valueUnsafe() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateWrite w && key.equals(w.key) && Arrays.equals(value, w.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return (value == null ? "delete " : "put ") + key;
    }
}
