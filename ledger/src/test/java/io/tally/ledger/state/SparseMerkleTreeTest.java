package io.tally.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import io.tally.ledger.store.InMemoryStore;
import io.tally.ledger.store.StorageException;
import io.tally.ledger.store.Durability;
import io.tally.ledger.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SparseMerkleTreeTest {
    private static StateKey account(int i) {
        byte[] a = new byte[Address.LENGTH];
        a[0] = (byte) (i >>> 24);
        a[1] = (byte) (i >>> 16);
        a[2] = (byte) (i >>> 8);
        a[3] = (byte) i;
        return StateKey.account(Address.fromBytes(a));
    }

    @Test
    void emptyTreeHasZeroRootAndProvesAbsence() {
        SparseMerkleTree t = new SparseMerkleTree((v, h) -> null);
        StateProof p = t.prove(SparseMerkleTree.EMPTY_ROOT, 0, account(1));
        assertTrue(StateProof.verify(Hash.ZERO, account(1).bytes(), null, p.encode()));
        assertEquals(2 + 2, p.encode().length);
    }

    @Test
    void updateCostGrowsLogarithmicallyAndMatchesTheReference() {
        MemoryNodeStore nodes = new MemoryNodeStore();
        SparseMerkleTree t = new SparseMerkleTree(nodes);
        List<StateWrite> writes = new ArrayList<>();
        TreeMap<Hash, byte[]> model = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] v = new AccountState(i, 0).encode();
            writes.add(StateWrite.put(account(i), v));
            model.put(account(i).keyHash(), v);
        }
        UpdateResult r = t.update(SparseMerkleTree.EMPTY_ROOT, 0, writes, 0);
        nodes.add(r);
        assertEquals(ReferenceTree.root(model), r.root());
        // one more key changes one leaf plus its path: about log2(20000) ~ 14.3 internal nodes
        UpdateResult one = t.update(r.root(), 0, List.of(StateWrite.put(account(7), new AccountState(1, 1).encode())), 1);
        assertTrue(one.newNodes().size() <= 1 + 30, "nodes rewritten: " + one.newNodes().size());
        int depth = t.prove(r.root(), 0, account(7)).siblings().size();
        assertTrue(depth >= 10 && depth <= 30, "depth " + depth);
    }

    @Test
    void oldRootsStayReadableAfterLaterUpdates() {
        InMemoryStore store = new InMemoryStore();
        SparseMerkleTree t = new SparseMerkleTree(new KvNodeReader(store));
        Hash root = SparseMerkleTree.EMPTY_ROOT;
        List<Hash> roots = new ArrayList<>();
        for (int v = 0; v < 5; v++) {
            UpdateResult r = t.update(root, v - 1, List.of(StateWrite.put(account(1), new byte[] {(byte) v}),
                    StateWrite.put(account(v + 10), new byte[0])), v);
            try (WriteBatch b = store.newBatch()) {
                r.writeTo(b);
                b.commit(Durability.BUFFERED);
            }
            root = r.root();
            roots.add(root);
        }
        for (int v = 0; v < 5; v++) {
            assertEquals(v, t.get(roots.get(v), v, account(1)).orElseThrow()[0]);
            assertTrue(StateProof.verify(roots.get(v), account(1).bytes(), new byte[] {(byte) v},
                    t.prove(roots.get(v), v, account(1)).encode()));
        }
    }

    @Test
    void duplicateKeysInOneUpdateAreRefused() {
        SparseMerkleTree t = new SparseMerkleTree((v, h) -> null);
        assertThrows(IllegalArgumentException.class, () -> t.update(SparseMerkleTree.EMPTY_ROOT, 0,
                List.of(StateWrite.put(account(1), new byte[0]), StateWrite.delete(account(1))), 1));
    }

    @Test
    void missingNodeIsAClearStorageError() {
        SparseMerkleTree t = new SparseMerkleTree((v, h) -> null);
        StorageException e = assertThrows(StorageException.class, () -> t.get(Sha256.hash(new byte[] {1}), 3, account(1)));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void deletingEverythingReturnsToTheEmptyRoot() {
        MemoryNodeStore nodes = new MemoryNodeStore();
        SparseMerkleTree t = new SparseMerkleTree(nodes);
        List<StateWrite> puts = new ArrayList<>();
        List<StateWrite> deletes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            puts.add(StateWrite.put(account(i), new byte[] {1}));
            deletes.add(StateWrite.delete(account(i)));
        }
        UpdateResult r = t.update(SparseMerkleTree.EMPTY_ROOT, 0, puts, 1);
        nodes.add(r);
        UpdateResult gone = t.update(r.root(), 1, deletes, 2);
        assertEquals(SparseMerkleTree.EMPTY_ROOT, gone.root());
        assertTrue(gone.newNodes().isEmpty(), "an empty tree stores nothing");
    }

    @Test
    void everyVersionStoresItsRootAndUnchangedSubtreesAreReadWhereTheyWereWritten() {
        InMemoryStore store = new InMemoryStore();
        SparseMerkleTree t = new SparseMerkleTree(new KvNodeReader(store));
        List<StateWrite> genesis = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            genesis.add(StateWrite.put(account(i), new byte[] {(byte) i}));
        }
        UpdateResult r = t.update(SparseMerkleTree.EMPTY_ROOT, 0, genesis, 0);
        write(store, r);
        // versions 1..3 touch only account 5; version 4 touches nothing at all
        for (int v = 1; v <= 4; v++) {
            List<StateWrite> w = v < 4 ? List.of(StateWrite.put(account(5), new byte[] {(byte) (100 + v)})) : List.of();
            UpdateResult next = t.update(r.root(), r.version(), w, v);
            assertTrue(next.newNodes().containsKey(next.root()), "version " + v + " stores its root");
            assertTrue(next.newNodes().size() <= (v < 4 ? 30 : 1), "only the changed path: " + next.newNodes().size());
            write(store, next);
            r = next;
        }
        assertEquals(r.root(), t.update(r.root(), 4, List.of(), 5).root());
        // strict reads by (version, hash): the other 199 accounts are found at version 0 through
        // four generations of parents; account 5 at the version that last wrote it
        for (int i = 0; i < 200; i++) {
            byte expected = i == 5 ? (byte) 103 : (byte) i;
            assertEquals(expected, t.get(r.root(), 4, account(i)).orElseThrow()[0]);
            assertTrue(StateProof.verify(r.root(), account(i).bytes(), new byte[] {expected}, t.prove(r.root(), 4, account(i)).encode()));
        }
        // the same root is not found at a version that did not store it
        Hash root = r.root();
        assertThrows(StorageException.class, () -> t.get(root, 7, account(1)));
    }

    @Test
    void storageKeysSortByVersionFirst() {
        Hash small = Hash.of(new byte[32]);
        byte[] big = new byte[32];
        java.util.Arrays.fill(big, (byte) 0xFF);
        byte[] early = SmtNodes.key(1, Hash.of(big));
        byte[] late = SmtNodes.key(256, small);
        assertEquals(40, early.length);
        assertTrue(java.util.Arrays.compareUnsigned(early, late) < 0, "a later version sorts after an earlier one");
        byte[] node = SmtNodes.encodeInternal(small, 0x0102030405060708L, Hash.of(big), Long.MAX_VALUE);
        assertEquals(0x0102030405060708L, SmtNodes.leftVersion(node));
        assertEquals(Long.MAX_VALUE, SmtNodes.rightVersion(node));
        assertEquals(small, SmtNodes.left(node));
        assertEquals(Hash.of(big), SmtNodes.right(node));
    }

    @Test
    void anUpdateMustMoveToALaterVersion() {
        MemoryNodeStore nodes = new MemoryNodeStore();
        SparseMerkleTree t = new SparseMerkleTree(nodes);
        UpdateResult r = t.update(SparseMerkleTree.EMPTY_ROOT, 0, List.of(StateWrite.put(account(1), new byte[] {1})), 3);
        nodes.add(r);
        List<StateWrite> w = List.of(StateWrite.put(account(2), new byte[] {2}));
        assertThrows(IllegalArgumentException.class, () -> t.update(r.root(), 3, w, 3));
        assertThrows(IllegalArgumentException.class, () -> t.update(r.root(), 3, w, 2));
        assertThrows(IllegalArgumentException.class, () -> t.update(SparseMerkleTree.EMPTY_ROOT, 0, w, -1));
    }

    private static void write(InMemoryStore store, UpdateResult r) {
        try (WriteBatch b = store.newBatch()) {
            r.writeTo(b);
            b.commit(Durability.BUFFERED);
        }
    }

    @Test
    void stateKeysRejectMalformedBytes() {
        assertThrows(IllegalArgumentException.class, () -> StateKey.fromBytes(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> StateKey.fromBytes(new byte[21]));
        assertThrows(IllegalArgumentException.class, () -> StateKey.record(Address.fromBytes(new byte[20]), new byte[65]));
        assertEquals(account(3), StateKey.fromBytes(account(3).bytes()));
    }
}
