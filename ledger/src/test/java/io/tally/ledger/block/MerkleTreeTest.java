package io.tally.ledger.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static List<Hash> items(int n) {
        List<Hash> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sha256.hash(new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        return out;
    }

    @Test
    void smallTreesMatchTheRfc6962Definition() {
        List<Hash> xs = items(3);
        Hash l0 = MerkleTree.leafHash(xs.get(0));
        Hash l1 = MerkleTree.leafHash(xs.get(1));
        Hash l2 = MerkleTree.leafHash(xs.get(2));
        Hash expected = Sha256.hashNode((byte) 1, Sha256.hashNode((byte) 1, l0, l1), l2);
        assertEquals(expected, MerkleTree.root(xs));
        assertEquals(l0, MerkleTree.root(xs.subList(0, 1)));
        assertEquals(Sha256.hash(new byte[0]), MerkleTree.root(List.of()));
    }

    @Property(tries = 200)
    void everyInclusionProofVerifiesAndNoOtherDoes(@ForAll @IntRange(min = 1, max = 70) int n,
            @ForAll @IntRange(min = 0, max = 69) int rawIndex) {
        int index = rawIndex % n;
        List<Hash> xs = items(n);
        Hash root = MerkleTree.root(xs);
        List<Hash> proof = MerkleTree.proof(xs, index);
        assertTrue(MerkleTree.verify(root, xs.get(index), index, n, proof));
        assertFalse(MerkleTree.verify(root, Sha256.hash(new byte[] {9, 9, 9}), index, n, proof));
        if (n > 1) {
            assertFalse(MerkleTree.verify(root, xs.get(index), (index + 1) % n, n, proof));
        }
        // A proof is relative to the claimed size (RFC 6962): a wrong size may still verify the same
        // membership, but never a different item, because leaves and inner nodes hash differently.
        assertFalse(MerkleTree.verify(root, MerkleTree.leafHash(xs.get(index)), index, n, proof));
    }

    @Test
    void orderMatters() {
        List<Hash> xs = items(4);
        List<Hash> swapped = new ArrayList<>(xs);
        swapped.set(0, xs.get(1));
        swapped.set(1, xs.get(0));
        assertNotEquals(MerkleTree.root(xs), MerkleTree.root(swapped));
    }
}
