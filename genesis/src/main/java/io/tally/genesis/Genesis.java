package io.tally.genesis;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Sha256;
import io.tally.crypto.SignDomain;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.chain.GenesisState;
import io.tally.ledger.codec.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a node needs to start a chain: its id, start time, validators, initial balances,
 * consensus parameters and the extra peers allowed to connect. {@link #hash()} is the chain's
 * identity: SHA-256 of {@link #canonicalBytes()}, a fixed binary encoding (never the JSON text)
 * documented in docs/genesis.md.
 *
 * <p>Validator order is meaningful (index = replica id). {@code alloc} and {@code observers} are
 * sets: the constructor sorts them (by address bytes and key bytes) so that two files listing the
 * same entries in a different order are equal and hash alike.
 */
public record Genesis(String chainId, Instant genesisTime, List<GenesisValidator> validators,
        List<Allocation> alloc, ConsensusParams consensus, List<PublicKey> observers) {
    /** The {@code format} value of the JSON file and the version byte of the canonical encoding. */
    public static final int FORMAT = 1;
    public static final int MAX_ALLOCATIONS = 1_000_000;
    public static final int MAX_OBSERVERS = 1024;
    /** 9999-12-31T23:59:59.999Z: RFC 3339 has four-digit years. */
    public static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final byte[] DOMAIN = "tally/genesis".getBytes(StandardCharsets.US_ASCII);

    public Genesis {
        SignDomain.checkChainId(chainId);
        checkTime(genesisTime);
        Objects.requireNonNull(consensus, "consensus");
        validators = List.copyOf(validators);
        if (validators.isEmpty() || validators.size() > ValidatorSet.MAX_VALIDATORS) {
            throw new IllegalArgumentException("need 1.." + ValidatorSet.MAX_VALIDATORS + " validators");
        }
        Set<String> names = new HashSet<>();
        Set<PublicKey> keys = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (GenesisValidator v : validators) {
            if (!names.add(v.name()) || !keys.add(v.publicKey()) || !endpoints.add(v.p2pAddress().endpoint())) {
                throw new IllegalArgumentException("validator " + v.name() + " repeats a name, key or p2p address");
            }
        }
        List<Allocation> sortedAlloc = new ArrayList<>(alloc);
        sortedAlloc.sort(Comparator.comparing(Allocation::address));
        if (sortedAlloc.size() > MAX_ALLOCATIONS) {
            throw new IllegalArgumentException("at most " + MAX_ALLOCATIONS + " allocations");
        }
        long supply = 0;
        for (int i = 0; i < sortedAlloc.size(); i++) {
            if (i > 0 && sortedAlloc.get(i).address().equals(sortedAlloc.get(i - 1).address())) {
                throw new IllegalArgumentException("duplicate allocation for " + sortedAlloc.get(i).address());
            }
            supply = Math.addExact(supply, sortedAlloc.get(i).balance());
        }
        alloc = List.copyOf(sortedAlloc);
        List<PublicKey> sortedObservers = new ArrayList<>(observers);
        Collections.sort(sortedObservers);
        if (sortedObservers.size() > MAX_OBSERVERS) {
            throw new IllegalArgumentException("at most " + MAX_OBSERVERS + " observers");
        }
        for (int i = 0; i < sortedObservers.size(); i++) {
            PublicKey k = sortedObservers.get(i);
            if ((i > 0 && k.equals(sortedObservers.get(i - 1))) || keys.contains(k)) {
                throw new IllegalArgumentException("observer " + k.toHex() + " is listed twice or is a validator");
            }
        }
        observers = List.copyOf(sortedObservers);
    }

    static void checkTime(Instant t) {
        Objects.requireNonNull(t, "genesisTime");
        if (t.isBefore(Instant.EPOCH) || t.isAfter(MAX_TIME)) {
            throw new IllegalArgumentException("genesis time must be between 1970 and 9999");
        }
        if (t.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("genesis time must have at most millisecond precision");
        }
    }

    public long genesisTimeMillis() {
        return genesisTime.toEpochMilli();
    }

    /** The validators' keys in replica-id order. */
    public ValidatorSet validatorSet() {
        return new ValidatorSet(validators.stream().map(GenesisValidator::publicKey).toList());
    }

    /** Initial balances, ordered by address. */
    public SortedMap<Address, Long> balances() {
        TreeMap<Address, Long> m = new TreeMap<>();
        for (Allocation a : alloc) {
            m.put(a.address(), a.balance());
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /**
     * The ledger's view of this genesis: what {@code ChainStore.initGenesis} builds block 0 from.
     * Block 0 commits to the chain id, time, validator keys and balances; names, p2p addresses,
     * consensus parameters and observers are covered only by {@link #hash()}, which the node should
     * therefore also bind its data directory to.
     */
    public GenesisState toGenesisState() {
        return new GenesisState(chainId, genesisTimeMillis(), validatorSet(), balances(), hash());
    }

    /** The sum of all initial balances; the constructor guarantees it fits in a long. */
    public long totalSupply() {
        return alloc.stream().mapToLong(Allocation::balance).sum();
    }

    /**
     * The canonical encoding that {@link #hash()} covers (see docs/genesis.md):
     *
     * <pre>
     * bytes8("tally/genesis") | u8 format(=1) | bytes8 chainId | u63 genesisTimeMillis
     * | u16 n | n * (publicKey(32) | bytes8 name | bytes16 p2pAddress)
     * | u32 m | m * (address(20) | u63 balance)            -- sorted by address
     * | u32 maxBlockTransactions | u32 maxBlockBytes | u63 viewTimeoutMillisBase
     * | u32 viewTimeoutMaxMultiplier | u63 heartbeatMillis
     * | u16 k | k * publicKey(32)                          -- observers, sorted
     * </pre>
     */
    public byte[] canonicalBytes() {
        ByteWriter w = new ByteWriter(256 + validators.size() * 128 + alloc.size() * 28 + observers.size() * 32);
        w.bytes8(DOMAIN).u8(FORMAT).bytes8(ascii(chainId)).u63(genesisTimeMillis());
        w.u16(validators.size());
        for (GenesisValidator v : validators) {
            w.raw(v.publicKey().bytes()).bytes8(ascii(v.name())).bytes16(ascii(v.p2pAddress().toString()));
        }
        w.u32(alloc.size());
        for (Allocation a : alloc) {
            w.raw(a.address().bytes()).u63(a.balance());
        }
        w.u32(consensus.maxBlockTransactions()).u32(consensus.maxBlockBytes()).u63(consensus.viewTimeoutMillisBase())
            .u32(consensus.viewTimeoutMaxMultiplier()).u63(consensus.heartbeatMillis());
        w.u16(observers.size());
        for (PublicKey k : observers) {
            w.raw(k.bytes());
        }
        return w.toByteArray();
    }

    /** The genesis hash: SHA-256 of {@link #canonicalBytes()}. Recomputed on each call. */
    public Hash hash() {
        return Sha256.hash(canonicalBytes());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
