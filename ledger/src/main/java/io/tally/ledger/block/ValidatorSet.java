package io.tally.ledger.block;

import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Sha256;
import io.tally.ledger.codec.ByteWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed, ordered set of validators. A validator's index in this list is its replica id and
 * fixes the primary rotation. With n validators the set tolerates f = (n-1)/3 Byzantine ones.
 */
public final class ValidatorSet {
    public static final int MAX_VALIDATORS = 1024;

    private final List<PublicKey> validators;
    private final Map<PublicKey, Integer> index;
    private final Hash hash;

    public ValidatorSet(List<PublicKey> validators) {
        if (validators == null || validators.isEmpty()) {
            throw new IllegalArgumentException("a validator set needs at least one validator");
        }
        if (validators.size() > MAX_VALIDATORS) {
            throw new IllegalArgumentException("at most " + MAX_VALIDATORS + " validators");
        }
        this.validators = List.copyOf(validators);
        this.index = new HashMap<>();
        for (int i = 0; i < this.validators.size(); i++) {
            if (index.put(this.validators.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate validator key " + this.validators.get(i).toHex());
            }
        }
        ByteWriter w = new ByteWriter(2 + 32 * this.validators.size());
        w.u16(this.validators.size());
        for (PublicKey k : this.validators) {
            w.raw(k.bytes());
        }
        this.hash = Sha256.hash(w.toByteArray());
    }

    public List<PublicKey> validators() {
        return validators;
    }

    public int size() {
        return validators.size();
    }

    public PublicKey get(int i) {
        return validators.get(i);
    }

    /** The replica id of {@code key}, or -1 if it is not a validator. */
    public int indexOf(PublicKey key) {
        Integer i = index.get(key);
        return i == null ? -1 : i;
    }

    public boolean contains(PublicKey key) {
        return index.containsKey(key);
    }

    /** The number of Byzantine validators tolerated: floor((n-1)/3). */
    public int maxFaulty() {
        return (validators.size() - 1) / 3;
    }

    /**
     * The smallest number of validators any two of whose sets intersect in at least f+1 (so in one
     * honest validator): floor((n+f)/2)+1, which is 2f+1 when n = 3f+1.
     */
    public int quorum() {
        return (validators.size() + maxFaulty()) / 2 + 1;
    }

    /** f+1: at least one of them is honest. */
    public int weakQuorum() {
        return maxFaulty() + 1;
    }

    /** SHA-256 of {@code u16 n || key_0 || ... || key_{n-1}}; committed to in every block header. */
    public Hash hash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidatorSet v && validators.equals(v.validators);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "ValidatorSet{n=" + size() + ", f=" + maxFaulty() + ", hash=" + hash.toHex().substring(0, 16) + "}";
    }
}
