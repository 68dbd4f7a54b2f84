package io.tally.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.state.SparseMerkleTree.Change;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state tree's upper levels linked in memory (TreeNode): used, bounded, and never trusted blindly. */
class LinkedTreeTest {
    private static StateKey account(int i) {
        byte[] a = new byte[Address.LENGTH];
        a[0] = (byte) (i >>> 8);
        a[1] = (byte) i;
        return StateKey.account(Address.fromBytes(a));
    }

    private static List<StateWrite> writes(int keys, int value) {
        List<StateWrite> w = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            w.add(StateWrite.put(account(i), new AccountState(value, i).encode()));
        }
        return w;
    }

    @Test
    void theNextUpdateWalksTheLinkedTreeInsteadOfReadingTheStore() {
        MemoryNodeStore linked = new MemoryNodeStore(true);
        MemoryNodeStore plain = new MemoryNodeStore();
        UpdateResult first = new SparseMerkleTree(linked).update(SparseMerkleTree.EMPTY_ROOT, 0, writes(100, 1), 1);
        linked.add(first);
        plain.add(first);
        assertNotNull(first.rootNode());
        assertEquals(first.newNodes().size(), linkedCount(first.rootNode()), "100 keys fit within the linked depth");

        UpdateResult viaLinks = new SparseMerkleTree(linked).update(first.root(), 1, writes(100, 2), 2);
        UpdateResult viaStore = new SparseMerkleTree(plain).update(first.root(), 1, writes(100, 2), 2);
        assertEquals(viaStore.root(), viaLinks.root());
        assertEquals(viaStore.newNodes().keySet(), viaLinks.newNodes().keySet());
        assertEquals(0, linked.reads(), "every node on the changed paths was linked");
        assertTrue(plain.reads() > 100, "the unlinked walk reads each node: " + plain.reads());

        linked.add(viaLinks);
        int before = linked.reads();
        SparseMerkleTree t = new SparseMerkleTree(linked);
        for (int i = 0; i < 100; i++) {
            assertTrue(t.prove(viaLinks.root(), 2, account(i)).verify(viaLinks.root(), account(i).keyHash(),
                    new AccountState(2, i).encode()));
        }
        assertEquals(before, linked.reads(), "proofs of the latest tree follow the links too");
        assertTrue(t.get(first.root(), 1, account(7)).isPresent(), "an older tree is read from the store");
        assertTrue(linked.reads() > before);
    }

    @Test
    void nodesBelowTheLinkedDepthAreNotLinked() {
        // keys sharing their first 20 bits: a chain of one-sided internal nodes down to depth 20
        List<Change> changes = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            byte[] k = new byte[32];
            k[2] = (byte) (t << 2);
            changes.add(new Change(Hash.of(k), new byte[] {(byte) t}));
        }
        MemoryNodeStore nodes = new MemoryNodeStore(true);
        UpdateResult r = new SparseMerkleTree(nodes).updateHashed(SparseMerkleTree.EMPTY_ROOT, 0, changes.toArray(new Change[0]), 0);
        assertEquals(SparseMerkleTree.LINK_DEPTH, linkedDepth(r.rootNode()), "linked down to the limit, no further");
        assertEquals(SparseMerkleTree.LINK_DEPTH, linkedCount(r.rootNode()));
        assertEquals(5 + 2 + 4, r.unlinkedNodes().size());
        r.unlinkedNodes().forEach((h, b) -> assertSame(b, r.newNodes().get(h), "unlinked nodes are new nodes too"));
        // all are new nodes, also the unlinked: the one-sided internal nodes at depths 16..20, the two at 21 and the 4 leaves at 22
        assertEquals(SparseMerkleTree.LINK_DEPTH + 5 + 2 + 4, r.newNodes().size());
    }

    /** Nodes reachable from {@code n} by links, {@code n} included. */
    private static int linkedCount(TreeNode n) {
        return n == null ? 0 : 1 + linkedCount(n.left) + linkedCount(n.right);
    }

    /** Levels reachable from {@code n} by links. */
    private static int linkedDepth(TreeNode n) {
        if (n == null) {
            return 0;
        }
        return 1 + Math.max(linkedDepth(n.left), linkedDepth(n.right));
    }

    @Test
    void aLinkedRootForAnotherTreeIsIgnored() {
        MemoryNodeStore store = new MemoryNodeStore();
        UpdateResult a = new SparseMerkleTree(store).update(SparseMerkleTree.EMPTY_ROOT, 0, writes(20, 1), 1);
        store.add(a);
        UpdateResult other = new SparseMerkleTree(store).update(SparseMerkleTree.EMPTY_ROOT, 0, writes(5, 9), 1);
        NodeReader lying = new NodeReader() {
            @Override
            public byte[] read(long version, Hash hash) {
                return store.read(version, hash);
            }

            @Override
            public TreeNode linkedRoot(long version, Hash root) {
                return other.rootNode();
            }
        };
        UpdateResult viaLiar = new SparseMerkleTree(lying).update(a.root(), 1, writes(3, 2), 2);
        UpdateResult honest = new SparseMerkleTree(store).update(a.root(), 1, writes(3, 2), 2);
        assertEquals(honest.root(), viaLiar.root());
        assertTrue(new SparseMerkleTree(lying).get(a.root(), 1, account(19)).isPresent());
        assertFalse(new SparseMerkleTree(lying).get(a.root(), 1, account(25)).isPresent());
    }

    @Test
    void theChainReaderHandsOutTheRootsOfTheLatestFewCommittedTrees() {
        MemoryNodeStore store = new MemoryNodeStore();
        CachingNodeReader reader = new CachingNodeReader(store, 1000);
        UpdateResult r1 = new SparseMerkleTree(reader).update(SparseMerkleTree.EMPTY_ROOT, 0, writes(10, 1), 1);
        store.add(r1);
        assertNull(reader.linkedRoot(1, r1.root()), "nothing before a commit");
        reader.advance(r1);
        assertSame(r1.rootNode(), reader.linkedRoot(1, r1.root()));
        assertNull(reader.linkedRoot(2, r1.root()), "another version");
        assertNull(reader.linkedRoot(1, Hash.ZERO), "another root");
        UpdateResult previous = r1;
        for (int v = 2; v <= 1 + UnflushedNodes.RETIRED_BLOCKS; v++) {
            UpdateResult next = new SparseMerkleTree(reader).update(previous.root(), v - 1, writes(10, v), v);
            store.add(next);
            reader.advance(next);
            assertSame(next.rootNode(), reader.linkedRoot(v, next.root()));
            previous = next;
        }
        assertSame(r1.rootNode(), reader.linkedRoot(1, r1.root()), "kept while " + UnflushedNodes.RETIRED_BLOCKS + " newer");
        UpdateResult empty = new SparseMerkleTree(reader).update(previous.root(), previous.version(), deletes(10), 9);
        reader.advance(empty);
        assertNull(reader.linkedRoot(9, empty.root()), "the empty tree has no nodes");
        assertNull(reader.linkedRoot(1, r1.root()), "dropped after that");
        assertSame(previous.rootNode(), reader.linkedRoot(previous.version(), previous.root()));
    }

    private static List<StateWrite> deletes(int keys) {
        List<StateWrite> w = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            w.add(StateWrite.delete(account(i)));
        }
        return w;
    }
}
