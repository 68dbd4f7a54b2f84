package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import io.tally.ledger.store.StorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
 * rehashes O(k log n) nodes. Each update stores its new nodes under its version (the block height)
 * and never rewrites a stored node, so every earlier root stays readable and provable at its
 * version as long as its nodes are kept; new nodes sort after old ones in the store, which keeps
 * LevelDB's compactions cheap (see docs/storage.md).
 *
 * <p>The levels above {@link #LINK_DEPTH} are also built as linked {@link TreeNode}s: an update
 * returns its root as one ({@link UpdateResult#rootNode()}), and a reader that hands it back for the
 * next update ({@link NodeReader#linkedRoot}) lets that update walk the upper tree by reference.
 * Nodes below that depth are read through the reader only, which bounds the linked tree to about
 * 2^(LINK_DEPTH+1) nodes whatever the number of keys.
 *
 * <p>Stateless apart from the {@link NodeReader}; thread-safe if the reader is.
 */
public final class SparseMerkleTree {
    public static final Hash EMPTY_ROOT = Hash.ZERO;
    /** Nodes at depths below this are linked in memory (2^16 internal nodes at most: about 30 MB). */
    static final int LINK_DEPTH = 16;
    private static final int KEY_BITS = 256;

    private static final byte EMPTY = 0;
    private static final byte LEAF = 1;
    private static final byte INTERNAL = 2;
    private static final byte UNKNOWN = 3;

    private final NodeReader nodes;

    public SparseMerkleTree(NodeReader nodes) {
        this.nodes = nodes;
    }

    /**
     * A subtree: its hash, the version it is stored under, if known whether it is empty, a leaf or
     * internal, and its linked node if it has one.
     */
    private record Ref(Hash hash, long version, byte kind, TreeNode mem) {
        static final Ref EMPTY_REF = new Ref(Hash.ZERO, 0, EMPTY, null);
    }

    /** A change addressed by key hash; a null value deletes. Package-private for tests of deep paths. */
    record Change(Hash keyHash, byte[] value) {}

    /**
     * The nodes one update creates, all stored under its version; those of them not linked; and the
     * old tree's nodes without a link that it replaces.
     */
    private record Sink(long version, Map<Hash, byte[]> out, Map<Hash, byte[]> unlinked, List<Hash> replaced) {}

    /**
     * Applies {@code writes} (at most one per key, any order) to the tree with root {@code root}
     * stored at {@code rootVersion}, producing the tree stored at {@code version}. Deleting an
     * absent key is a no-op. Reads existing nodes; writes nothing itself.
     *
     * @throws IllegalArgumentException if two writes name the same key, or {@code version} is not after {@code rootVersion}
     * @throws StorageException if a node of {@code root} is missing from the store
     */
    public UpdateResult update(Hash root, long rootVersion, Collection<StateWrite> writes, long version) {
        Change[] ch = new Change[writes.size()];
        int i = 0;
        for (StateWrite w : writes) {
            ch[i++] = new Change(w.key().keyHash(), w.valueUnsafe());
        }
        return updateHashed(root, rootVersion, ch, version);
    }

    /** {@link #update} on raw key hashes; sorts {@code ch} in place. */
    UpdateResult updateHashed(Hash root, long rootVersion, Change[] ch, long version) {
        boolean empty = root.equals(Hash.ZERO);
        if (version < 0 || (!empty && version <= rootVersion)) {
            throw new IllegalArgumentException("update to version " + version + " of a tree stored at version " + rootVersion);
        }
        Arrays.sort(ch, Comparator.comparing(Change::keyHash));
        for (int j = 1; j < ch.length; j++) {
            if (ch[j].keyHash.equals(ch[j - 1].keyHash)) {
                throw new IllegalArgumentException("two writes for the same state key in one update");
            }
        }
        Sink s = new Sink(version, new LinkedHashMap<>(), new HashMap<>(), new ArrayList<>());
        Ref r = update(empty ? Ref.EMPTY_REF : rootRef(root, rootVersion), 0, ch, 0, ch.length, s);
        if (r.kind == EMPTY) {
            return new UpdateResult(r.hash, version, s.out, s.unlinked, s.replaced, null);
        }
        TreeNode rootNode = r.mem != null ? r.mem : new TreeNode(r.hash, r.version, load(r.hash, r.version), null, null);
        // An unchanged root is stored again under the new version, so that the tree as of any
        // version is at (version, root) and a block's state is found from its height alone.
        s.out.putIfAbsent(r.hash, rootNode.encoded);
        return new UpdateResult(r.hash, version, s.out, s.unlinked, s.replaced, rootNode);
    }

    /** The root as a linked node: the reader's if it keeps this tree linked, else a new one. */
    private Ref rootRef(Hash root, long version) {
        TreeNode n = linkedRoot(root, version);
        if (n == null) {
            n = new TreeNode(root, version, load(root, version), null, null);
        }
        return new Ref(root, version, kindOf(n.encoded), n);
    }

    /** The reader's linked root of the non-empty tree {@code (version, root)}, if it has one for exactly that root. */
    private TreeNode linkedRoot(Hash root, long version) {
        TreeNode n = nodes.linkedRoot(version, root);
        return n != null && n.hash.equals(root) ? n : null;
    }

    private Ref update(Ref node, int depth, Change[] ch, int lo, int hi, Sink s) {
        if (lo == hi) {
            return node;
        }
        if (node.kind == EMPTY) {
            return build(depth, puts(ch, lo, hi, null), s);
        }
        byte[] bytes = bytesOf(node);
        if (SmtNodes.isLeaf(bytes)) {
            Change existing = new Change(SmtNodes.leafKey(bytes), SmtNodes.leafValue(bytes));
            replaced(node, s);
            return build(depth, puts(ch, lo, hi, existing), s);
        }
        checkDepth(depth);
        int mid = split(ch, lo, hi, depth);
        Ref left = child(node.mem, bytes, false, depth + 1, lo < mid);
        Ref right = child(node.mem, bytes, true, depth + 1, mid < hi);
        Ref nl = update(left, depth + 1, ch, lo, mid, s);
        Ref nr = update(right, depth + 1, ch, mid, hi, s);
        if (nl.hash.equals(left.hash) && nr.hash.equals(right.hash)) {
            return new Ref(node.hash, node.version, INTERNAL, node.mem);
        }
        replaced(node, s);
        return join(nl, nr, depth, s);
    }

    private static void replaced(Ref node, Sink s) {
        if (node.mem == null) {
            s.replaced.add(node.hash);
        }
    }

    /**
     * A child of an internal node: its linked node if the parent has it; otherwise, if the update
     * is about to descend into it and it is within the linked depth, read and linked to the parent.
     */
    private Ref child(TreeNode parent, byte[] parentBytes, boolean right, int depth, boolean descend) {
        TreeNode linked = parent == null ? null : right ? parent.right : parent.left;
        if (linked != null) {
            return new Ref(linked.hash, linked.version, kindOf(linked.encoded), linked);
        }
        Hash h = right ? SmtNodes.right(parentBytes) : SmtNodes.left(parentBytes);
        if (h.equals(Hash.ZERO)) {
            return Ref.EMPTY_REF;
        }
        long v = right ? SmtNodes.rightVersion(parentBytes) : SmtNodes.leftVersion(parentBytes);
        if (!descend || parent == null || depth >= LINK_DEPTH) {
            return new Ref(h, v, UNKNOWN, null);
        }
        TreeNode n = new TreeNode(h, v, load(h, v), null, null);
        if (right) {
            parent.right = n;
        } else {
            parent.left = n;
        }
        return new Ref(h, v, kindOf(n.encoded), n);
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

    private Ref build(int depth, Change[] sorted, Sink s) {
        return build(depth, sorted, 0, sorted.length, s);
    }

    private Ref build(int depth, Change[] c, int lo, int hi, Sink s) {
        int n = hi - lo;
        if (n == 0) {
            return Ref.EMPTY_REF;
        }
        if (n == 1) {
            Change leaf = c[lo];
            Hash h = SmtNodes.leafHash(leaf.keyHash, Sha256.hash(leaf.value));
            return stored(h, LEAF, SmtNodes.encodeLeaf(leaf.keyHash, leaf.value), depth, null, null, s);
        }
        checkDepth(depth);
        int mid = split(c, lo, hi, depth);
        return join(build(depth + 1, c, lo, mid, s), build(depth + 1, c, mid, hi, s), depth, s);
    }

    /** The parent at {@code depth} of two subtrees, collapsing a lone leaf upwards so the tree stays canonical. */
    private Ref join(Ref l, Ref r, int depth, Sink s) {
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
        byte[] bytes = SmtNodes.encodeInternal(l.hash, l.version, r.hash, r.version);
        boolean linkChildren = depth + 1 < LINK_DEPTH;
        return stored(h, INTERNAL, bytes, depth, linkChildren ? l.mem : null, linkChildren ? r.mem : null, s);
    }

    /** A node this update creates: stored under its version, and linked if within the linked depth. */
    private static Ref stored(Hash h, byte kind, byte[] bytes, int depth, TreeNode left, TreeNode right, Sink s) {
        s.out.put(h, bytes);
        TreeNode mem = null;
        if (depth < LINK_DEPTH) {
            mem = new TreeNode(h, s.version, bytes, left, right);
        } else {
            s.unlinked.put(h, bytes);
        }
        return new Ref(h, s.version, kind, mem);
    }

    private byte kindOf(Ref r) {
        return r.kind != UNKNOWN ? r.kind : kindOf(bytesOf(r));
    }

    private static byte kindOf(byte[] bytes) {
        return SmtNodes.isLeaf(bytes) ? LEAF : INTERNAL;
    }

    private byte[] bytesOf(Ref r) {
        return r.mem != null ? r.mem.encoded : load(r.hash, r.version);
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

    private byte[] load(Hash h, long version) {
        byte[] b = nodes.read(version, h);
        if (b == null || b.length == 0 || (b[0] != SmtNodes.LEAF && (b[0] != SmtNodes.INTERNAL || b.length != SmtNodes.INTERNAL_LENGTH))) {
            throw new StorageException("state tree node " + h + " at version " + version + " is "
                    + (b == null ? "missing" : "malformed") + " (the state was pruned or the store is corrupt)");
        }
        return b;
    }

    /** The value of {@code key} in the tree with root {@code root} stored at {@code version}. */
    public Optional<byte[]> get(Hash root, long version, StateKey key) {
        return getHashed(root, version, key.keyHash());
    }

    Optional<byte[]> getHashed(Hash root, long version, Hash k) {
        Walk w = new Walk(root, version);
        for (int depth = 0; ; depth++) {
            byte[] n = w.node();
            if (n == null) {
                return Optional.empty();
            }
            if (SmtNodes.isLeaf(n)) {
                return SmtNodes.leafKey(n).equals(k) ? Optional.of(SmtNodes.leafValue(n)) : Optional.empty();
            }
            checkDepth(depth);
            w.down(n, k.bit(depth));
        }
    }

    /** A proof of the value of {@code key} (or of its absence) under {@code root} stored at {@code version}. */
    public StateProof prove(Hash root, long version, StateKey key) {
        return proveHashed(root, version, key.keyHash());
    }

    StateProof proveHashed(Hash root, long version, Hash k) {
        List<Hash> siblings = new ArrayList<>();
        Walk w = new Walk(root, version);
        for (int depth = 0; ; depth++) {
            byte[] n = w.node();
            if (n == null) {
                return StateProof.absentAtEmpty(siblings);
            }
            if (SmtNodes.isLeaf(n)) {
                return StateProof.atLeaf(SmtNodes.leafKey(n), Sha256.hash(SmtNodes.leafValue(n)), siblings);
            }
            checkDepth(depth);
            boolean right = k.bit(depth);
            siblings.add(right ? SmtNodes.left(n) : SmtNodes.right(n));
            w.down(n, right);
        }
    }

    /** A read-only walk from a root towards a key: by link while there are links, else through the reader. */
    private final class Walk {
        private Hash hash;
        private long version;
        private TreeNode mem;

        Walk(Hash root, long version) {
            this.hash = root;
            this.version = version;
            this.mem = root.equals(Hash.ZERO) ? null : linkedRoot(root, version);
        }

        /** The current node's bytes, or null at an empty subtree. */
        byte[] node() {
            if (hash.equals(Hash.ZERO)) {
                return null;
            }
            return mem != null ? mem.encoded : load(hash, version);
        }

        void down(byte[] internal, boolean right) {
            hash = right ? SmtNodes.right(internal) : SmtNodes.left(internal);
            version = right ? SmtNodes.rightVersion(internal) : SmtNodes.leftVersion(internal);
            mem = mem == null ? null : right ? mem.right : mem.left;
        }
    }
}
