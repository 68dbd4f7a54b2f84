package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import io.tally.ledger.store.StorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compressed sparse Merkle tree over 256-bit key paths ({@link StateKey#keyHash()}).
 *
 * <p>Definition (the root is a pure function of the set of (key, value) pairs): the hash of a
 * subtree holding no key is {@link Hash#ZERO}; holding exactly one key it is that key's leaf hash,
 * whatever the depth; holding more it is {@code internalHash(left, right)} of its two halves split
 * by the next key bit. So a tree of n random keys is about log2(n) deep, and updating k keys
 * rehashes O(k log n) nodes. Nodes are stored content-addressed and never rewritten, so every
 * earlier root stays readable and provable as long as its nodes are kept (see docs/storage.md).
 *
 * <p>Stateless apart from the {@link NodeReader}; thread-safe if the reader is.
 */
public final class SparseMerkleTree {
    public static final Hash EMPTY_ROOT = Hash.ZERO;
    private static final int KEY_BITS = 256;

    private static final byte EMPTY = 0;
    private static final byte LEAF = 1;
    private static final byte INTERNAL = 2;
    private static final byte UNKNOWN = 3;

    private final NodeReader nodes;

    public SparseMerkleTree(NodeReader nodes) {
        this.nodes = nodes;
    }

    /** A subtree: its hash and, if known, whether it is empty, a leaf or internal. */
    private record Ref(Hash hash, byte kind) {
        static final Ref EMPTY_REF = new Ref(Hash.ZERO, EMPTY);
    }

    /** A change addressed by key hash; a null value deletes. Package-private for tests of deep paths. */
    record Change(Hash keyHash, byte[] value) {}

    /**
     * Applies {@code writes} (at most one per key, any order) to the tree with root {@code root}.
     * Deleting an absent key is a no-op. Reads existing nodes; writes nothing itself.
     *
     * @throws IllegalArgumentException if two writes name the same key
     * @throws StorageException if a node of {@code root} is missing from the store
     */
    public UpdateResult update(Hash root, Collection<StateWrite> writes) {
        Change[] ch = new Change[writes.size()];
        int i = 0;
        for (StateWrite w : writes) {
            ch[i++] = new Change(w.key().keyHash(), w.valueUnsafe());
        }
        return updateHashed(root, ch);
    }

    /** {@link #update} on raw key hashes; sorts {@code ch} in place. */
    UpdateResult updateHashed(Hash root, Change[] ch) {
        Arrays.sort(ch, Comparator.comparing(Change::keyHash));
        for (int j = 1; j < ch.length; j++) {
            if (ch[j].keyHash.equals(ch[j - 1].keyHash)) {
                throw new IllegalArgumentException("two writes for the same state key in one update");
            }
        }
        Map<Hash, byte[]> out = new LinkedHashMap<>();
        Ref r = update(root.equals(Hash.ZERO) ? Ref.EMPTY_REF : new Ref(root, UNKNOWN), 0, ch, 0, ch.length, out);
        return new UpdateResult(r.hash, out);
    }

    private Ref update(Ref node, int depth, Change[] ch, int lo, int hi, Map<Hash, byte[]> out) {
        if (lo == hi) {
            return node;
        }
        if (node.kind == EMPTY) {
            return build(depth, puts(ch, lo, hi, null), out);
        }
        byte[] bytes = load(node.hash);
        if (SmtNodes.isLeaf(bytes)) {
            Change existing = new Change(SmtNodes.leafKey(bytes), SmtNodes.leafValue(bytes));
            return build(depth, puts(ch, lo, hi, existing), out);
        }
        checkDepth(depth);
        Ref left = child(SmtNodes.left(bytes));
        Ref right = child(SmtNodes.right(bytes));
        int mid = split(ch, lo, hi, depth);
        Ref nl = update(left, depth + 1, ch, lo, mid, out);
        Ref nr = update(right, depth + 1, ch, mid, hi, out);
        if (nl.hash.equals(left.hash) && nr.hash.equals(right.hash)) {
            return new Ref(node.hash, INTERNAL);
        }
        return join(nl, nr, out);
    }

    /** The puts among ch[lo, hi) plus {@code existing} unless a change overrides it, sorted. */
    private static Change[] puts(Change[] ch, int lo, int hi, Change existing) {
        List<Change> list = new ArrayList<>(hi - lo + 1);
        boolean keepExisting = existing != null;
        for (int i = lo; i < hi; i++) {
            if (keepExisting && ch[i].keyHash.equals(existing.keyHash)) {
                keepExisting = false;
            }
            if (ch[i].value != null) {
                list.add(ch[i]);
            }
        }
        if (keepExisting) {
            int pos = 0;
            while (pos < list.size() && list.get(pos).keyHash.compareTo(existing.keyHash) < 0) {
                pos++;
            }
            list.add(pos, existing);
        }
        return list.toArray(new Change[0]);
    }

    private Ref build(int depth, Change[] sorted, Map<Hash, byte[]> out) {
        return build(depth, sorted, 0, sorted.length, out);
    }

    private Ref build(int depth, Change[] c, int lo, int hi, Map<Hash, byte[]> out) {
        int n = hi - lo;
        if (n == 0) {
            return Ref.EMPTY_REF;
        }
        if (n == 1) {
            Change leaf = c[lo];
            Hash h = SmtNodes.leafHash(leaf.keyHash, Sha256.hash(leaf.value));
            out.put(h, SmtNodes.encodeLeaf(leaf.keyHash, leaf.value));
            return new Ref(h, LEAF);
        }
        checkDepth(depth);
        int mid = split(c, lo, hi, depth);
        return join(build(depth + 1, c, lo, mid, out), build(depth + 1, c, mid, hi, out), out);
    }

    /** The parent of two subtrees, collapsing a lone leaf upwards so the tree stays canonical. */
    private Ref join(Ref l, Ref r, Map<Hash, byte[]> out) {
        if (l.kind == EMPTY && r.kind == EMPTY) {
            return Ref.EMPTY_REF;
        }
        if (l.kind == EMPTY && kindOf(r) == LEAF) {
            return r;
        }
        if (r.kind == EMPTY && kindOf(l) == LEAF) {
            return l;
        }
        Hash h = SmtNodes.internalHash(l.hash, r.hash);
        out.put(h, SmtNodes.encodeInternal(l.hash, r.hash));
        return new Ref(h, INTERNAL);
    }

    private byte kindOf(Ref r) {
        if (r.kind != UNKNOWN) {
            return r.kind;
        }
        return SmtNodes.isLeaf(load(r.hash)) ? LEAF : INTERNAL;
    }

    private static Ref child(Hash h) {
        return h.equals(Hash.ZERO) ? Ref.EMPTY_REF : new Ref(h, UNKNOWN);
    }

    /** First index in [lo, hi) whose key has bit {@code depth} set (keys are sorted). */
    private static int split(Change[] c, int lo, int hi, int depth) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (c[m].keyHash.bit(depth)) {
                b = m;
            } else {
                a = m + 1;
            }
        }
        return a;
    }

    private static void checkDepth(int depth) {
        if (depth >= KEY_BITS) {
            throw new IllegalStateException("state tree deeper than 256 bits: duplicate key hash");
        }
    }

    private byte[] load(Hash h) {
        byte[] b = nodes.read(h);
        if (b == null || b.length == 0 || (b[0] != SmtNodes.LEAF && (b[0] != SmtNodes.INTERNAL || b.length != SmtNodes.INTERNAL_LENGTH))) {
            throw new StorageException("state tree node " + h + " is " + (b == null ? "missing" : "malformed")
                    + " (the state was pruned or the store is corrupt)");
        }
        return b;
    }

    /** The value of {@code key} in the tree with root {@code root}. */
    public Optional<byte[]> get(Hash root, StateKey key) {
        return getHashed(root, key.keyHash());
    }

    Optional<byte[]> getHashed(Hash root, Hash k) {
        Hash cur = root;
        for (int depth = 0; ; depth++) {
            if (cur.equals(Hash.ZERO)) {
                return Optional.empty();
            }
            byte[] n = load(cur);
            if (SmtNodes.isLeaf(n)) {
                return SmtNodes.leafKey(n).equals(k) ? Optional.of(SmtNodes.leafValue(n)) : Optional.empty();
            }
            checkDepth(depth);
            cur = k.bit(depth) ? SmtNodes.right(n) : SmtNodes.left(n);
        }
    }

    /** A proof of the value of {@code key} (or of its absence) under {@code root}. */
    public StateProof prove(Hash root, StateKey key) {
        return proveHashed(root, key.keyHash());
    }

    StateProof proveHashed(Hash root, Hash k) {
        List<Hash> siblings = new ArrayList<>();
        Hash cur = root;
        for (int depth = 0; ; depth++) {
            if (cur.equals(Hash.ZERO)) {
                return StateProof.absentAtEmpty(siblings);
            }
            byte[] n = load(cur);
            if (SmtNodes.isLeaf(n)) {
                return StateProof.atLeaf(SmtNodes.leafKey(n), Sha256.hash(SmtNodes.leafValue(n)), siblings);
            }
            checkDepth(depth);
            boolean right = k.bit(depth);
            siblings.add(right ? SmtNodes.left(n) : SmtNodes.right(n));
            cur = right ? SmtNodes.right(n) : SmtNodes.left(n);
        }
    }
}
