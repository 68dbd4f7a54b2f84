package io.tally.ledger.block;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary Merkle tree of RFC 6962 (Certificate Transparency) over a list of hashes, used for a
 * block's transactions root. Leaves and inner nodes have different prefixes (0x00 and 0x01), so a
 * leaf can never be passed off as a subtree.
 */
public final class MerkleTree {
    private static final Hash EMPTY = Sha256.hash(new byte[0]);

    private MerkleTree() {}

    public static Hash leafHash(Hash item) {
        byte[] buf = new byte[1 + Hash.LENGTH];
        item.copyTo(buf, 1);
        return Sha256.hash(buf);
    }

    /** Root over {@code items} in order; SHA-256 of the empty string for an empty list. */
    public static Hash root(List<Hash> items) {
        if (items.isEmpty()) {
            return EMPTY;
        }
        List<Hash> level = new ArrayList<>(items.size());
        for (Hash h : items) {
            level.add(leafHash(h));
        }
        return subtreeRoot(level, 0, level.size());
    }

    private static Hash subtreeRoot(List<Hash> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return Sha256.hashNode((byte) 1, subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    /** The audit path for item {@code index}, bottom-up (RFC 6962 section 2.1.1). */
    public static List<Hash> proof(List<Hash> items, int index) {
        if (index < 0 || index >= items.size()) {
            throw new IllegalArgumentException("index " + index + " outside 0.." + (items.size() - 1));
        }
        List<Hash> leaves = new ArrayList<>(items.size());
        for (Hash h : items) {
            leaves.add(leafHash(h));
        }
        List<Hash> path = new ArrayList<>();
        collect(leaves, 0, leaves.size(), index, path);
        return path;
    }

    private static void collect(List<Hash> leaves, int from, int to, int index, List<Hash> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (index < k) {
            collect(leaves, from, from + k, index, path);
            path.add(subtreeRoot(leaves, from + k, to));
        } else {
            collect(leaves, from + k, to, index - k, path);
            path.add(subtreeRoot(leaves, from, from + k));
        }
    }

    /** Pure check that {@code item} is at {@code index} of a list of {@code size} items with root {@code root}. */
    public static boolean verify(Hash root, Hash item, int index, int size, List<Hash> path) {
        if (index < 0 || index >= size || path == null) {
            return false;
        }
        long fn = index;
        long sn = size - 1L;
        Hash r = leafHash(item);
        for (Hash p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Sha256.hashNode((byte) 1, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = Sha256.hashNode((byte) 1, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.equals(root);
    }
}
