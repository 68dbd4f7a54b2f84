package io.tally.ledger.exec;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.chain.GenesisState;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.MemoryNodeStore;
import io.tally.ledger.state.NodeReader;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateWrite;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A committed state held in maps: flat values, tree nodes and the root, for execution tests. */
final class MemoryLedgerState implements StateReader {
    final TreeMap<StateKey, byte[]> values = new TreeMap<>();
    final MemoryNodeStore nodes = new MemoryNodeStore();
    Hash root;
    long height;

    MemoryLedgerState(GenesisState genesis) {
        GenesisState.Built b = genesis.build();
        nodes.add(b.state());
        for (StateWrite w : genesis.stateWrites()) {
            values.put(w.key(), w.value());
        }
        root = b.state().root();
    }

    NodeReader nodeReader() {
        return nodes;
    }

    @Override
    public Optional<byte[]> get(StateKey key) {
        return Optional.ofNullable(values.get(key)).map(byte[]::clone);
    }

    void apply(ExecutionResult r) {
        if (!r.preStateRoot().equals(root)) {
            throw new IllegalStateException("result for another state");
        }
        for (StateWrite w : r.stateWrites()) {
            if (w.isDelete()) {
                values.remove(w.key());
            } else {
                values.put(w.key(), w.value());
            }
        }
        nodes.add(r.stateUpdate());
        root = r.stateRoot();
        height = r.stateUpdate().version();
    }

    /** Sets an account directly, bypassing execution (to build states genesis cannot express). */
    void forceAccount(Address a, AccountState account) {
        StateKey k = StateKey.account(a);
        var up = new io.tally.ledger.state.SparseMerkleTree(nodeReader()).update(root, height,
                java.util.List.of(StateWrite.put(k, account.encode())), height + 1);
        nodes.add(up);
        values.put(k, account.encode());
        root = up.root();
        height = up.version();
    }

    AccountState account(Address a) {
        byte[] v = values.get(StateKey.account(a));
        try {
            return v == null ? AccountState.EMPTY : AccountState.decode(v);
        } catch (DecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    long totalBalance() {
        long sum = 0;
        for (Map.Entry<StateKey, byte[]> e : values.entrySet()) {
            if (e.getKey().isAccount()) {
                try {
                    sum = Math.addExact(sum, AccountState.decode(e.getValue()).balance());
                } catch (DecodeException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }
        return sum;
    }
}
