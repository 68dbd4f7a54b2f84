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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        SparseMerkleTree t = new SparseMerkleTree(h -> null);
        StateProof p = t.prove(SparseMerkleTree.EMPTY_ROOT, account(1));
        assertTrue(StateProof.verify(Hash.ZERO, account(1).bytes(), null, p.encode()));
        assertEquals(2 + 2, p.encode().length);
    }

    @Test
    void updateCostGrowsLogarithmicallyAndMatchesTheReference() {
        Map<Hash, byte[]> nodes = new HashMap<>();
        SparseMerkleTree t = new SparseMerkleTree(nodes::get);
        List<StateWrite> writes = new ArrayList<>();
        TreeMap<Hash, byte[]> model = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] v = new AccountState(i, 0).encode();
            writes.add(StateWrite.put(account(i), v));
            model.put(account(i).keyHash(), v);
        }
        UpdateResult r = t.update(SparseMerkleTree.EMPTY_ROOT, writes);
        nodes.putAll(r.newNodes());
        assertEquals(ReferenceTree.root(model), r.root());
        // one more key changes one leaf plus its path: about log2(20000) ~ 14.3 internal nodes
        UpdateResult one = t.update(r.root(), List.of(StateWrite.put(account(7), new AccountState(1, 1).encode())));
        assertTrue(one.newNodes().size() <= 1 + 30, "nodes rewritten: " + one.newNodes().size());
        int depth = t.prove(r.root(), account(7)).siblings().size();
        assertTrue(depth >= 10 && depth <= 30, "depth " + depth);
    }

    @Test
    void oldRootsStayReadableAfterLaterUpdates() {
        InMemoryStore store = new InMemoryStore();
        SparseMerkleTree t = new SparseMerkleTree(new KvNodeReader(store));
        Hash root = SparseMerkleTree.EMPTY_ROOT;
        List<Hash> roots = new ArrayList<>();
        for (int v = 0; v < 5; v++) {
            UpdateResult r = t.update(root, List.of(StateWrite.put(account(1), new byte[] {(byte) v}), StateWrite.put(account(v + 10), new byte[0])));
            try (WriteBatch b = store.newBatch()) {
                r.writeTo(b);
                b.commit(Durability.BUFFERED);
            }
            root = r.root();
            roots.add(root);
        }
        for (int v = 0; v < 5; v++) {
            assertEquals(v, t.get(roots.get(v), account(1)).orElseThrow()[0]);
            assertTrue(StateProof.verify(roots.get(v), account(1).bytes(), new byte[] {(byte) v}, t.prove(roots.get(v), account(1)).encode()));
        }
    }

    @Test
    void duplicateKeysInOneUpdateAreRefused() {
        SparseMerkleTree t = new SparseMerkleTree(h -> null);
        assertThrows(IllegalArgumentException.class, () -> t.update(SparseMerkleTree.EMPTY_ROOT,
                List.of(StateWrite.put(account(1), new byte[0]), StateWrite.delete(account(1)))));
    }

    @Test
    void missingNodeIsAClearStorageError() {
        SparseMerkleTree t = new SparseMerkleTree(h -> null);
        StorageException e = assertThrows(StorageException.class, () -> t.get(Sha256.hash(new byte[] {1}), account(1)));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void deletingEverythingReturnsToTheEmptyRoot() {
        Map<Hash, byte[]> nodes = new HashMap<>();
        SparseMerkleTree t = new SparseMerkleTree(nodes::get);
        List<StateWrite> puts = new ArrayList<>();
        List<StateWrite> deletes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            puts.add(StateWrite.put(account(i), new byte[] {1}));
            deletes.add(StateWrite.delete(account(i)));
        }
        UpdateResult r = t.update(SparseMerkleTree.EMPTY_ROOT, puts);
        nodes.putAll(r.newNodes());
        assertEquals(SparseMerkleTree.EMPTY_ROOT, t.update(r.root(), deletes).root());
    }

    @Test
    void stateKeysRejectMalformedBytes() {
        assertThrows(IllegalArgumentException.class, () -> StateKey.fromBytes(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> StateKey.fromBytes(new byte[21]));
        assertThrows(IllegalArgumentException.class, () -> StateKey.record(Address.fromBytes(new byte[20]), new byte[65]));
        assertEquals(account(3), StateKey.fromBytes(account(3).bytes()));
    }
}
