package io.tally.ledger.exec;

import io.tally.crypto.Address;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Uncommitted changes on top of a {@link StateReader}: reads see earlier writes of the same
 * block. The writes come out in key order (a {@link TreeMap}), so everything derived from them
 * is deterministic. One thread only.
 */
public final class StateOverlay {
    private final StateReader base;
    /** Written values; a null value is a delete. */
    private final TreeMap<StateKey, byte[]> writes = new TreeMap<>();

    public StateOverlay(StateReader base) {
        this.base = base;
    }

    public Optional<byte[]> get(StateKey key) {
        if (writes.containsKey(key)) {
            return Optional.ofNullable(writes.get(key));
        }
        return base.get(key);
    }

    public AccountState account(Address address) {
        Optional<byte[]> raw = get(StateKey.account(address));
        if (raw.isEmpty()) {
            return AccountState.EMPTY;
        }
        try {
            return AccountState.decode(raw.get());
        } catch (DecodeException e) {
            throw new IllegalStateException("stored account " + address + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Stores an account; the empty account (balance 0, nonce 0) is represented by absence. */
    public void putAccount(Address address, AccountState account) {
        StateKey key = StateKey.account(address);
        writes.put(key, account.equals(AccountState.EMPTY) ? null : account.encode());
    }

    public void putRecord(Address owner, byte[] recordKey, byte[] value) {
        writes.put(StateKey.record(owner, recordKey), value.clone());
    }

    /** The net changes, one per key, in key order. */
    public List<StateWrite> writes() {
        List<StateWrite> out = new ArrayList<>(writes.size());
        for (Map.Entry<StateKey, byte[]> e : writes.entrySet()) {
            out.add(e.getValue() == null ? StateWrite.delete(e.getKey()) : StateWrite.put(e.getKey(), e.getValue()));
        }
        return out;
    }
}
