package io.tally.ledger.chain;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.crypto.SignDomain;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.SparseMerkleTree;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateWrite;
import io.tally.ledger.state.UpdateResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a chain starts from. Block 0 is a pure function of it: chain id, genesis time, validator
 * set hash, the state root of the initial balances (the balances are sorted by address, so the
 * map's iteration order does not matter) and, in place of a parent hash, the canonical hash of the
 * whole genesis document ({@code documentHash}: names, addresses and consensus parameters that the
 * state does not hold), so block 0's hash identifies the entire genesis. Accounts with a zero
 * balance are the empty account and are simply absent.
 */
public record GenesisState(String chainId, long genesisTimeMillis, ValidatorSet validators, Map<Address, Long> balances,
        Hash documentHash) {
    public static final int MAX_ACCOUNTS = 1_000_000;

    /**
     * Copies {@code balances} into an unmodifiable map sorted by address.
     *
     * @throws IllegalArgumentException if a field is invalid, a balance is negative, or the total supply exceeds 2^63-1
     */
    public GenesisState {
        SignDomain.checkChainId(chainId);
        if (genesisTimeMillis < 0) {
            throw new IllegalArgumentException("genesis time must be non-negative");
        }
        Objects.requireNonNull(validators, "validators");
        Objects.requireNonNull(balances, "balances");
        Objects.requireNonNull(documentHash, "documentHash");
        if (balances.size() > MAX_ACCOUNTS) {
            throw new IllegalArgumentException("at most " + MAX_ACCOUNTS + " genesis accounts");
        }
        long total = 0;
        for (Map.Entry<Address, Long> e : balances.entrySet()) {
            Long v = e.getValue();
            if (e.getKey() == null || v == null || v < 0) {
                throw new IllegalArgumentException("genesis balance of " + e.getKey() + " must be a non-negative integer");
            }
            try {
                total = Math.addExact(total, v);
            } catch (ArithmeticException overflow) {
                throw new IllegalArgumentException("the total genesis supply exceeds 2^63-1 base units");
            }
        }
        balances = Collections.unmodifiableSortedMap(new TreeMap<>(balances));
    }

    /** A genesis with no separate document (tests, tools): block 0's parent hash is zero. */
    public GenesisState(String chainId, long genesisTimeMillis, ValidatorSet validators, Map<Address, Long> balances) {
        this(chainId, genesisTimeMillis, validators, balances, Hash.ZERO);
    }

    /** The sum of all balances; transfers never change it. */
    public long totalSupply() {
        long t = 0;
        for (long v : balances.values()) {
            t += v;
        }
        return t;
    }

    /** The state writes of the initial balances, in key order. */
    public List<StateWrite> stateWrites() {
        TreeMap<StateKey, StateWrite> writes = new TreeMap<>();
        for (Map.Entry<Address, Long> e : balances.entrySet()) {
            if (e.getValue() > 0) {
                StateKey k = StateKey.account(e.getKey());
                writes.put(k, StateWrite.put(k, new AccountState(e.getValue(), 0).encode()));
            }
        }
        return new ArrayList<>(writes.values());
    }

    /** Block 0 and the state tree nodes it commits to. */
    public Built build() {
        UpdateResult state = new SparseMerkleTree((v, h) -> null).update(SparseMerkleTree.EMPTY_ROOT, 0, stateWrites(), 0);
        BlockHeader header = new BlockHeader(chainId, 0, genesisTimeMillis, documentHash, BlockHeader.NO_PROPOSER,
                Block.computeTxRoot(List.of()), state.root(), validators.hash());
        return new Built(new Block(header, List.of()), state);
    }

    /** The genesis block hash: what a data directory is bound to. */
    public Hash genesisHash() {
        return build().block().hash();
    }

    /** Block 0 and its state. */
    public record Built(Block block, UpdateResult state) {}
}
