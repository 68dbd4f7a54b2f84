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
    void aFlushWritesExactlyTheUnflushedNodesOfTheLatestTree() {
        UnflushedNodes unflushed = new UnflushedNodes();
        MemoryNodeStore stored = new MemoryNodeStore();
        NodeReader reader = (v, h) -> {
            byte[] b = unflushed.get(h);
            return b != null ? b : stored.read(v, h);
        };
        // version 1 is "flushed": in the store; versions 2 and 3 change some keys twice
        UpdateResult v1 = new SparseMerkleTree(reader).update(SparseMerkleTree.EMPTY_ROOT, 0, writes(0, 64, 1), 1);
        stored.add(v1);
        UpdateResult v2 = new SparseMerkleTree(reader).update(v1.root(), 1, writes(0, 8, 2), 2);
        unflushed.addAll(v2.newNodes());
        UpdateResult v3 = new SparseMerkleTree(reader).update(v2.root(), 2, writes(0, 4, 3), 3);
        unflushed.addAll(v3.newNodes());

        try (InMemoryStore store = new InMemoryStore(); WriteBatch b = store.newBatch()) {
            int n = unflushed.writeReachable(v3.root(), 3, 1, b);
            b.commit(Durability.SYNCED);
            Set<String> keys = new HashSet<>();
            try (KvIterator it = store.iteratePrefix(Column.SMT_NODE, new byte[0])) {
                while (it.hasNext()) {
                    byte[] k = it.next().key();
                    keys.add(Hash.of(Arrays.copyOfRange(k, 8, 40)) + "@" + ByteBuffer.wrap(k).getLong());
                }
            }
            assertEquals(n, keys.size());
            // every node of v3 newer than version 1, found by walking it: v3's own nodes and the v2 nodes it kept
            Set<String> expected = new HashSet<>();
            v3.newNodes().keySet().forEach(h -> expected.add(h + "@3"));
            for (Hash h : v2.newNodes().keySet()) {
                if (!v3.newNodes().containsKey(h) && reachable(reader, v3.root(), 3, h)) {
                    expected.add(h + "@2");
                }
            }
            assertEquals(expected, keys);
            assertTrue(n > v3.newNodes().size(), "keys 4..7 changed at version 2 only: their nodes are kept");
            assertTrue(n < v3.newNodes().size() + v2.newNodes().size(), "version 2's replaced nodes are not written");
        }
    }

    private static boolean reachable(NodeReader r, Hash root, long version, Hash target) {
        if (root.equals(Hash.ZERO)) {
            return false;
        }
        if (root.equals(target)) {
            return true;
        }
        byte[] b = r.read(version, root);
        if (SmtNodes.isLeaf(b)) {
            return false;
        }
        return reachable(r, SmtNodes.left(b), SmtNodes.leftVersion(b), target)
                || reachable(r, SmtNodes.right(b), SmtNodes.rightVersion(b), target);
    }

    @Test
    void aNodeStaysReadableForOneFlushAfterItsOwnAndAMissingOneIsABug() {
        UnflushedNodes unflushed = new UnflushedNodes();
        UpdateResult r = new SparseMerkleTree((v, h) -> unflushed.get(h)).update(SparseMerkleTree.EMPTY_ROOT, 0, writes(0, 3, 1), 1);
        unflushed.addAll(r.newNodes());
        assertEquals(r.newNodes().size(), unflushed.size());
        unflushed.flushed();
        assertEquals(0, unflushed.size());
        assertNotNull(unflushed.get(r.root()), "kept one more interval for readers of older trees");
        unflushed.flushed();
        assertNull(unflushed.get(r.root()));
        try (InMemoryStore store = new InMemoryStore(); WriteBatch b = store.newBatch()) {
            assertThrows(IllegalStateException.class, () -> unflushed.writeReachable(r.root(), 1, 0, b));
            assertEquals(0, unflushed.writeReachable(Hash.ZERO, 1, 0, b), "the empty tree has no nodes");
        }
    }
}
