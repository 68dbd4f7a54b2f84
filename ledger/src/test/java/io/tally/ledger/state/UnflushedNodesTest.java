package io.tally.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.Durability;
import io.tally.ledger.store.InMemoryStore;
import io.tally.ledger.store.KvIterator;
import io.tally.ledger.store.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnflushedNodesTest {
    private static List<StateWrite> writes(int from, int to, long value) {
        List<StateWrite> w = new ArrayList<>();
        for (int i = from; i < to; i++) {
            byte[] a = new byte[Address.LENGTH];
            a[0] = (byte) i;
            w.add(StateWrite.put(StateKey.account(Address.fromBytes(a)), new AccountState(value, i).encode()));
        }
        return w;
    }

    @Test
    void itHoldsExactlyTheLatestTreesUnstoredNodesAndAFlushWritesThem() {
        UnflushedNodes unflushed = new UnflushedNodes();
        MemoryNodeStore stored = new MemoryNodeStore();
        NodeReader reader = (v, h) -> {
            byte[] b = unflushed.get(h);
            return b != null ? b : stored.read(v, h);
        };
        // version 1 is flushed (in the store); versions 2 and 3 change keys, some twice, and delete one
        UpdateResult v1 = new SparseMerkleTree(reader).update(SparseMerkleTree.EMPTY_ROOT, 0, writes(0, 64, 1), 1);
        stored.add(v1);
        UpdateResult v2 = new SparseMerkleTree(reader).update(v1.root(), 1, writes(0, 8, 2), 2);
        unflushed.advance(v2);
        List<StateWrite> third = writes(0, 4, 3);
        third.add(StateWrite.delete(writes(5, 6, 0).get(0).key()));
        UpdateResult v3 = new SparseMerkleTree(reader).update(v2.root(), 2, third, 3);
        unflushed.advance(v3);

        Set<String> unstored = new HashSet<>();
        collectAbove(reader, v3.root(), 3, 1, unstored);
        assertEquals(unstored.size(), unflushed.size(), "the replaced version-2 nodes left the set");
        assertTrue(unflushed.size() > v3.newNodes().size(), "keys 4..7 changed at version 2 only: their nodes stay");

        try (InMemoryStore store = new InMemoryStore(); WriteBatch b = store.newBatch()) {
            int n = unflushed.writeReachable(v3.root(), 3, 1, Map.of(), b);
            b.commit(Durability.SYNCED);
            Set<String> keys = new HashSet<>();
            try (KvIterator it = store.iteratePrefix(Column.SMT_NODE, new byte[0])) {
                while (it.hasNext()) {
                    byte[] k = it.next().key();
                    keys.add(Hash.of(Arrays.copyOfRange(k, 8, 40)) + "@" + ByteBuffer.wrap(k).getLong());
                }
            }
            assertEquals(n, keys.size());
            assertEquals(unstored, keys);
        }
        unflushed.flushed();
        assertEquals(0, unflushed.size());
    }

    /** Every node of the tree (version, root) stored at a version above {@code floor}, as "hash@version". */
    private static void collectAbove(NodeReader r, Hash root, long version, long floor, Set<String> out) {
        if (root.equals(Hash.ZERO) || version <= floor) {
            return;
        }
        out.add(root + "@" + version);
        byte[] b = r.read(version, root);
        if (!SmtNodes.isLeaf(b)) {
            collectAbove(r, SmtNodes.left(b), SmtNodes.leftVersion(b), floor, out);
            collectAbove(r, SmtNodes.right(b), SmtNodes.rightVersion(b), floor, out);
        }
    }

    @Test
    void aReplacedNodeStaysReadableForAFewBlocksAndAMissingOneIsABug() {
        UnflushedNodes unflushed = new UnflushedNodes();
        NodeReader reader = (v, h) -> unflushed.get(h);
        UpdateResult r = new SparseMerkleTree(reader).update(SparseMerkleTree.EMPTY_ROOT, 0, writes(0, 3, 1), 1);
        unflushed.advance(r);
        assertEquals(r.newNodes().size(), unflushed.size());
        Hash oldRoot = r.root();
        long version = 1;
        for (int block = 1; block <= UnflushedNodes.RETIRED_BLOCKS; block++) {
            version++;
            r = new SparseMerkleTree(reader).update(r.root(), version - 1, writes(0, 3, version), version);
            unflushed.advance(r);
            assertNotNull(unflushed.get(oldRoot), "still readable " + block + " blocks after it was replaced");
        }
        r = new SparseMerkleTree(reader).update(r.root(), version, writes(0, 3, 99), version + 1);
        unflushed.advance(r);
        assertNull(unflushed.get(oldRoot));
        try (InMemoryStore store = new InMemoryStore(); WriteBatch b = store.newBatch()) {
            assertThrows(IllegalStateException.class, () -> unflushed.writeReachable(oldRoot, 1, 0, Map.of(), b));
            assertEquals(0, unflushed.writeReachable(Hash.ZERO, 1, 0, Map.of(), b), "the empty tree has no nodes");
        }
    }
}
