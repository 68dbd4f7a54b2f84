package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A proof that a key has a given value, or no value, under a state root: the path from the root
 * to where the key's search ends (an empty subtree, or a leaf holding the key or another key), as
 * the list of sibling hashes from the root downwards.
 *
 * <p>Canonical encoding (wallets receive it hex-encoded):
 *
 * <pre>
 * u8  version = 1
 * u8  terminal: 0 = empty subtree, 1 = leaf
 *     leaf only: keyHash(32) || valueHash(32)
 * u16 depth = number of siblings (0..256)
 *     bitmap: ceil(depth/8) bytes, bit i (most significant first) set iff sibling i is non-empty;
 *             unused low bits are zero
 *     the non-empty siblings, 32 bytes each, root side first
 * </pre>
 *
 * A canonical tree never has an empty sibling next to the end of a path, so when depth > 0 the
 * last sibling must be non-empty; any other form is rejected, making the encoding unique.
 */
public final class StateProof {
    public static final int VERSION = 1;
    public static final int MAX_DEPTH = 256;
    /** Largest encoding: a leaf terminal at depth 256 with every sibling present. */
    public static final int MAX_ENCODED_LENGTH = 2 + 64 + 2 + 32 + MAX_DEPTH * 32;

    private final Hash leafKeyHash; // null for an empty terminal
    private final Hash leafValueHash;
    private final List<Hash> siblings;

    private StateProof(Hash leafKeyHash, Hash leafValueHash, List<Hash> siblings) {
        this.leafKeyHash = leafKeyHash;
        this.leafValueHash = leafValueHash;
        this.siblings = List.copyOf(siblings);
    }

    static StateProof absentAtEmpty(List<Hash> siblings) {
        return new StateProof(null, null, siblings);
    }

    static StateProof atLeaf(Hash keyHash, Hash valueHash, List<Hash> siblings) {
        return new StateProof(Objects.requireNonNull(keyHash), Objects.requireNonNull(valueHash), siblings);
    }

    /** Siblings from the root downwards ({@link Hash#ZERO} for an empty one). */
    public List<Hash> siblings() {
        return siblings;
    }

    public byte[] encode() {
        int depth = siblings.size();
        ByteWriter w = new ByteWriter(8 + 64 + depth * 32);
        w.u8(VERSION);
        if (leafKeyHash == null) {
            w.u8(0);
        } else {
            w.u8(1).raw(leafKeyHash.bytes()).raw(leafValueHash.bytes());
        }
        w.u16(depth);
        byte[] bitmap = new byte[(depth + 7) / 8];
        for (int i = 0; i < depth; i++) {
            if (!siblings.get(i).equals(Hash.ZERO)) {
                bitmap[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        w.raw(bitmap);
        for (Hash s : siblings) {
            if (!s.equals(Hash.ZERO)) {
                w.raw(s.bytes());
            }
        }
        return w.toByteArray();
    }

    /** Strict decoding: anything but the canonical form is a {@link DecodeException}. */
    public static StateProof decode(byte[] bytes) throws DecodeException {
        if (bytes == null) {
            throw new DecodeException(Reason.TRUNCATED, "no proof bytes");
        }
        if (bytes.length > MAX_ENCODED_LENGTH) {
            throw new DecodeException(Reason.OVERSIZE, "proof is " + bytes.length + " bytes, the limit is " + MAX_ENCODED_LENGTH);
        }
        ByteReader r = new ByteReader(bytes);
        int version = r.u8("proof version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "unsupported proof version " + version);
        }
        int terminal = r.u8("proof terminal");
        Hash key = null;
        Hash value = null;
        if (terminal == 1) {
            key = Hash.of(r.raw(Hash.LENGTH, "leaf key hash"));
            value = Hash.of(r.raw(Hash.LENGTH, "leaf value hash"));
        } else if (terminal != 0) {
            throw new DecodeException(Reason.UNKNOWN_TYPE, "unknown proof terminal " + terminal);
        }
        int depth = r.u16("proof depth");
        if (depth > MAX_DEPTH) {
            throw new DecodeException(Reason.INVALID_VALUE, "proof depth " + depth + " exceeds " + MAX_DEPTH);
        }
        byte[] bitmap = r.raw((depth + 7) / 8, "sibling bitmap");
        if (depth % 8 != 0 && (bitmap[bitmap.length - 1] & (0xff >>> (depth % 8))) != 0) {
            throw new DecodeException(Reason.NON_CANONICAL, "unused sibling bitmap bits are set");
        }
        List<Hash> siblings = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            if ((bitmap[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                Hash s = Hash.of(r.raw(Hash.LENGTH, "sibling"));
                if (s.equals(Hash.ZERO)) {
                    throw new DecodeException(Reason.NON_CANONICAL, "a sibling marked non-empty is all zero");
                }
                siblings.add(s);
            } else {
                siblings.add(Hash.ZERO);
            }
        }
        if (depth > 0 && siblings.get(depth - 1).equals(Hash.ZERO)) {
            throw new DecodeException(Reason.NON_CANONICAL, "the last sibling of a proof cannot be empty");
        }
        r.finish("state proof");
        return new StateProof(key, value, siblings);
    }

    /**
     * Checks that under {@code root}, the state key {@code key} (its raw bytes) has value
     * {@code value}, or no value when {@code value} is null. Pure and total: never throws, any
     * malformed input is simply {@code false}.
     */
    public static boolean verify(Hash root, byte[] key, byte[] value, byte[] proof) {
        if (root == null || key == null) {
            return false;
        }
        StateProof p;
        try {
            p = decode(proof);
        } catch (DecodeException e) {
            return false;
        }
        return p.verify(root, Sha256.hash(key), value);
    }

    /** Same as {@link #verify(Hash, byte[], byte[], byte[])} for a decoded proof. */
    public boolean verify(Hash root, Hash keyHash, byte[] value) {
        int depth = siblings.size();
        Hash h;
        if (leafKeyHash == null) {
            if (value != null) {
                return false;
            }
            h = Hash.ZERO;
        } else {
            boolean sameKey = leafKeyHash.equals(keyHash);
            if (value == null ? sameKey : !sameKey || !leafValueHash.equals(Sha256.hash(value))) {
                return false;
            }
            for (int i = 0; i < depth; i++) {
                if (leafKeyHash.bit(i) != keyHash.bit(i)) {
                    return false; // the leaf is not on the key's path
                }
            }
            h = SmtNodes.leafHash(leafKeyHash, leafValueHash);
        }
        for (int i = depth - 1; i >= 0; i--) {
            Hash s = siblings.get(i);
            h = keyHash.bit(i) ? SmtNodes.internalHash(s, h) : SmtNodes.internalHash(h, s);
        }
        return h.equals(root);
    }
}
