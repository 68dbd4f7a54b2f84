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
    /** 64 keys at random paths plus 4 sharing their first 20 bits (below the linked levels), value {@code v}. */
    private static SparseMerkleTree.Change[] changes(int[] which, int v) {
        List<SparseMerkleTree.Change> out = new ArrayList<>();
        for (int i : which) {
            Hash k;
            if (i < 64) {
                k = io.tally.crypto.Sha256.hash(new byte[] {(byte) i});
            } else {
                byte[] deep = new byte[32];
                deep[2] = (byte) ((i - 64) << 2);
                k = Hash.of(deep);
            }
            out.add(new SparseMerkleTree.Change(k, new byte[] {(byte) v, (byte) i}));
        }
        return out.toArray(new SparseMerkleTree.Change[0]);
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Test
    void aFlushWritesExactlyTheLatestTreesUnstoredNodesAndOnlyUnlinkedOnesAreHeld() {
        UnflushedNodes unflushed = new UnflushedNodes();
        MemoryNodeStore stored = new MemoryNodeStore();
        MemoryNodeStore everything = new MemoryNodeStore();
        CachingNodeReader reader = new CachingNodeReader(stored, 1000, unflushed);
        // version 1 is flushed (in the store); versions 2 and 3 change keys, some twice, deep ones too
        UpdateResult v1 = new SparseMerkleTree(reader).updateHashed(SparseMerkleTree.EMPTY_ROOT, 0, changes(range(0, 68), 1), 1);
        stored.add(v1);
        everything.add(v1);
        reader.advance(v1);
        UpdateResult v2 = new SparseMerkleTree(reader).updateHashed(v1.root(), 1, changes(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 64, 65}, 2), 2);
        everything.add(v2);
        unflushed.advance(v2);
        reader.advance(v2);
        UpdateResult v3 = new SparseMerkleTree(reader).updateHashed(v2.root(), 2, changes(new int[] {0, 1, 2, 3, 64}, 3), 3);
        everything.add(v3);

        Set<String> unstored = new HashSet<>();
        collectAbove(everything, v3.root(), 3, 1, unstored);
        TreeFlush flush = unflushed.startFlush(v3, 1);
        try (InMemoryStore store = new InMemoryStore(); WriteBatch b = store.newBatch()) {
            assertTrue(flush.writeNext(b, Integer.MAX_VALUE));
            int n = flush.written();
            b.commit(Durability.SYNCED);
            Set<String> keys = new HashSet<>();
            try (KvIterator it = store.iteratePrefix(Column.SMT_NODE, new byte[0])) {
                while (it.hasNext()) {
                    byte[] k = it.next().key();
                    keys.add(Hash.of(Arrays.copyOfRange(k, 8, 40)) + "@" + ByteBuffer.wrap(k).getLong());
                }
            }
            assertEquals(n, keys.size());
            assertEquals(unstored, keys, "every node of version 3 above version 1, and nothing else");
            assertTrue(keys.stream().anyMatch(k -> k.endsWith("@2")), "nodes of version 2 that version 3 kept");
        }
        unflushed.advance(v3);
        unflushed.flushed(flush);
        assertEquals(0, unflushed.size(), "every held node was written");

        // without a flush, the set holds exactly the unlinked nodes of the latest tree
        UnflushedNodes plain = new UnflushedNodes();
        plain.advance(v2);
        plain.advance(v3);
        long unlinkedInTree = unstored.stream().filter(k -> {
            Hash h = Hash.fromHex(k.substring(0, k.indexOf('@')));
            return v2.unlinkedNodes().containsKey(h) || v3.unlinkedNodes().containsKey(h);
        }).count();
        assertTrue(unlinkedInTree > 0);
        assertEquals(unlinkedInTree, plain.size(), "the unlinked nodes version 3 replaced left the set");
    }

    @Test
    void aFlushWrittenInPartsWhileLaterBlocksReplaceItsNodesWritesItsTreeAndReleasesOnlyItsNodes() {
        UnflushedNodes unflushed = new UnflushedNodes();
        MemoryNodeStore everything = new MemoryNodeStore();
        CachingNodeReader reader = new CachingNodeReader((v, h) -> null, 1000, unflushed);
        UpdateResult v1 = new SparseMerkleTree(reader).updateHashed(SparseMerkleTree.EMPTY_ROOT, 0, changes(range(0, 68), 1), 1);
        everything.add(v1);
        TreeFlush flush = unflushed.startFlush(v1, 0);
        unflushed.advance(v1);
        reader.advance(v1);
        assertThrows(IllegalStateException.class, () -> unflushed.startFlush(v1, 0), "one flush at a time");
        try (InMemoryStore store = new InMemoryStore()) {
            UpdateResult last = v1;
            int batches = 0;
            boolean done = false;
            while (!done) {
                try (WriteBatch b = store.newBatch()) {
                    done = flush.writeNext(b, 7);
                    b.commit(Durability.SYNCED);
                }
                batches++;
                // meanwhile each block replaces deep (unlinked) and upper nodes of the tree being written
                long v = last.version() + 1;
                last = new SparseMerkleTree(reader).updateHashed(last.root(), v - 1,
                        changes(new int[] {batches % 64, 64}, (int) v), v);
                everything.add(last);
                unflushed.advance(last);
                reader.advance(last);
                if (!done) {
                    assertThrows(IllegalStateException.class, () -> unflushed.flushed(flush), "not written completely");
                }
            }
            Set<String> tree = new HashSet<>();
            collectAbove(everything, v1.root(), 1, 0, tree);
            Set<String> keys = storedKeys(store);
            assertEquals(tree, keys, "exactly the tree of version 1, each node once");
            assertEquals(tree.size(), flush.written());
            assertEquals((tree.size() + 6) / 7, batches);

            int heldBefore = unflushed.size();
            unflushed.flushed(flush);
            assertTrue(unflushed.size() > 0 && unflushed.size() < heldBefore,
                    "the written nodes of version 1 leave the set, the later blocks' stay: " + unflushed.size()
                            + " of " + heldBefore);
            // every node the latest tree uses is still readable: from the set, its links or the store
            CachingNodeReader afterFlush = new CachingNodeReader(new KvNodeReader(store), 1000, unflushed);
            afterFlush.advance(last);
            for (int i = 0; i < 68; i++) {
                Hash k = changes(new int[] {i}, 0)[0].keyHash();
                assertTrue(new SparseMerkleTree(afterFlush).getHashed(last.root(), last.version(), k).isPresent(),
                        "key " + i + " in the latest tree");
            }
        }
    }

    private static Set<String> storedKeys(InMemoryStore store) {
        Set<String> keys = new HashSet<>();
        try (KvIterator it = store.iteratePrefix(Column.SMT_NODE, new byte[0])) {
            while (it.hasNext()) {
                byte[] k = it.next().key();
                keys.add(Hash.of(Arrays.copyOfRange(k, 8, 40)) + "@" + ByteBuffer.wrap(k).getLong());
            }
        }
        return keys;
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
        CachingNodeReader reader = new CachingNodeReader((v, h) -> null, 1000, unflushed);
        UpdateResult r = new SparseMerkleTree(reader).updateHashed(SparseMerkleTree.EMPTY_ROOT, 0, changes(range(64, 68), 1), 1);
        unflushed.advance(r);
        reader.advance(r);
        assertEquals(r.unlinkedNodes().size(), unflushed.size());
        Hash deepLeaf = r.unlinkedNodes().keySet().stream().filter(h -> SmtNodes.isLeaf(r.unlinkedNodes().get(h)))
                .filter(h -> SmtNodes.leafKey(r.unlinkedNodes().get(h)).equals(changes(new int[] {64}, 0)[0].keyHash()))
                .findFirst().orElseThrow();
        UpdateResult last = r;
        for (int block = 1; block <= UnflushedNodes.RETIRED_BLOCKS + 1; block++) {
            long v = last.version() + 1;
            last = new SparseMerkleTree(reader).updateHashed(last.root(), v - 1, changes(new int[] {64}, (int) v), v);
            unflushed.advance(last);
            reader.advance(last);
            if (block <= UnflushedNodes.RETIRED_BLOCKS) {
                assertNotNull(unflushed.get(deepLeaf), "still readable " + block + " blocks after it was replaced");
            }
        }
        assertNull(unflushed.get(deepLeaf), "dropped after that");
        {
            UpdateResult latest = last;
            TreeFlush missing = new UnflushedNodes().startFlush(latest, 0);
            try (InMemoryStore store = new InMemoryStore(); WriteBatch b = store.newBatch()) {
                assertThrows(IllegalStateException.class, () -> missing.writeNext(b, Integer.MAX_VALUE),
                        "unlinked nodes of version 1 that the latest tree uses are not held");
            }
            UpdateResult empty = new SparseMerkleTree(reader).updateHashed(last.root(), last.version(),
                    new SparseMerkleTree.Change[] {}, last.version() + 1);
            assertEquals(empty.newNodes().size(), 1, "an unchanged tree stores its root again");
        }
    }
}
