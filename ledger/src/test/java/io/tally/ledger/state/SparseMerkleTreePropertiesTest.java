package io.tally.ledger.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.state.SparseMerkleTree.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the state tree against the brute-force {@link ReferenceTree}. */
class SparseMerkleTreePropertiesTest {

    /**
     * A tree with every node ever written kept in a map (the store of these tests), updated twice
     * in lockstep: once walking the previous tree's linked nodes (as the chain does), once reading
     * every node from the store. Both must write exactly the same nodes; reads use the linked one.
     */
    private static final class Fixture {
        final MemoryNodeStore nodes = new MemoryNodeStore(true);
        final SparseMerkleTree tree = new SparseMerkleTree(nodes);
        final MemoryNodeStore plainNodes = new MemoryNodeStore();
        final SparseMerkleTree plainTree = new SparseMerkleTree(plainNodes);
        Hash root = SparseMerkleTree.EMPTY_ROOT;
        long version = -1;

        void apply(List<StateWrite> writes) {
            record(tree.update(root, version, writes, version + 1), plainTree.update(root, version, writes, version + 1));
        }

        void applyHashed(List<Change> changes) {
            record(tree.updateHashed(root, version, changes.toArray(new Change[0]), version + 1),
                    plainTree.updateHashed(root, version, changes.toArray(new Change[0]), version + 1));
        }

        private void record(UpdateResult linked, UpdateResult plain) {
            assertEquals(plain.root(), linked.root());
            assertEquals(plain.newNodes().keySet(), linked.newNodes().keySet());
            plain.newNodes().forEach((h, b) -> assertArrayEquals(b, linked.newNodes().get(h), "node " + h));
            nodes.add(linked);
            plainNodes.add(plain);
            root = linked.root();
            version = linked.version();
        }
    }

    /** One step of a random history: key index into a pool, and a value or a delete (null). */
    record Op(int keyIndex, byte[] value) {}

    @Provide
    Arbitrary<StateKey> keys() {
        Arbitrary<byte[]> addr = Arbitraries.bytes().array(byte[].class).ofSize(Address.LENGTH);
        Arbitrary<StateKey> accounts = addr.map(a -> StateKey.account(Address.fromBytes(a)));
        Arbitrary<StateKey> records = Combinators.combine(addr, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64))
                .as((a, k) -> StateKey.record(Address.fromBytes(a), k));
        return Arbitraries.oneOf(accounts, records);
    }

    @Provide
    Arbitrary<List<StateKey>> keyPools() {
        return keys().list().ofMinSize(1).ofMaxSize(80).uniqueElements();
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 1_000_000), values, Arbitraries.integers().between(0, 4))
                .as((i, v, d) -> new Op(i, d == 0 ? null : v));
        return op.list().ofMaxSize(150);
    }

    private static TreeMap<Hash, byte[]> model(List<StateKey> pool, List<Op> ops) {
        TreeMap<Hash, byte[]> m = new TreeMap<>();
        for (Op op : ops) {
            StateKey k = pool.get(op.keyIndex % pool.size());
            if (op.value == null) {
                m.remove(k.keyHash());
            } else {
                m.put(k.keyHash(), op.value);
            }
        }
        return m;
    }

    /** Collapses a history into one write per key (the last one wins). */
    private static List<StateWrite> net(List<StateKey> pool, List<Op> ops) {
        Map<StateKey, StateWrite> last = new LinkedHashMap<>();
        for (Op op : ops) {
            StateKey k = pool.get(op.keyIndex % pool.size());
            last.remove(k);
            last.put(k, op.value == null ? StateWrite.delete(k) : StateWrite.put(k, op.value));
        }
        return new ArrayList<>(last.values());
    }

    @Property(tries = 150)
    void rootEqualsBruteForceReference(@ForAll("keyPools") List<StateKey> pool, @ForAll("ops") List<Op> ops) {
        Fixture f = new Fixture();
        f.apply(net(pool, ops));
        assertEquals(ReferenceTree.root(model(pool, ops)), f.root);
    }

    @Property(tries = 150)
    void anyBatchingAndOrderGivesTheSameRoot(@ForAll("keyPools") List<StateKey> pool, @ForAll("ops") List<Op> ops,
            @ForAll @IntRange(min = 1, max = 20) int batchSize) {
        // replay the history in batches of batchSize ops (each batch collapsed to one write per key)
        Fixture stepwise = new Fixture();
        for (int from = 0; from < ops.size(); from += batchSize) {
            stepwise.apply(net(pool, ops.subList(from, Math.min(ops.size(), from + batchSize))));
        }
        Fixture reversed = new Fixture();
        List<StateWrite> all = net(pool, ops);
        java.util.Collections.reverse(all);
        reversed.apply(all);
        Hash expected = ReferenceTree.root(model(pool, ops));
        assertEquals(expected, stepwise.root);
        assertEquals(expected, reversed.root);
    }

    @Property(tries = 100)
    void proofsVerifyForPresentAndAbsentKeysAndRejectWrongClaims(@ForAll("keyPools") List<StateKey> pool,
            @ForAll("ops") List<Op> ops, @ForAll("keys") StateKey probe) {
        Fixture f = new Fixture();
        f.apply(net(pool, ops));
        TreeMap<Hash, byte[]> m = model(pool, ops);
        List<StateKey> candidates = new ArrayList<>(pool);
        candidates.add(probe);
        for (StateKey k : candidates) {
            byte[] value = m.get(k.keyHash());
            byte[] proof = f.tree.prove(f.root, f.version, k).encode();
            assertEquals(value != null, f.tree.get(f.root, f.version, k).isPresent());
            assertTrue(StateProof.verify(f.root, k.bytes(), value, proof), "proof of the true value");
            if (value != null) {
                assertArrayEquals(value, f.tree.get(f.root, f.version, k).orElseThrow());
                assertFalse(StateProof.verify(f.root, k.bytes(), null, proof), "claims absence of a present key");
                byte[] other = java.util.Arrays.copyOf(value, value.length + 1);
                assertFalse(StateProof.verify(f.root, k.bytes(), other, proof), "claims a wrong value");
            } else {
                assertFalse(StateProof.verify(f.root, k.bytes(), new byte[] {1}, proof), "claims a value for an absent key");
            }
            Hash otherRoot = io.tally.crypto.Sha256.hash(f.root.bytes());
            assertFalse(StateProof.verify(otherRoot, k.bytes(), value, proof), "proof checked against another root");
        }
    }

    @Property(tries = 100)
    void everyTamperedProofIsRejected(@ForAll("keyPools") List<StateKey> pool, @ForAll("ops") List<Op> ops,
            @ForAll @IntRange(min = 0, max = 100_000) int keyPick, @ForAll @IntRange(min = 0, max = 1_000_000) int bitPick) {
        Fixture f = new Fixture();
        f.apply(net(pool, ops));
        StateKey k = pool.get(keyPick % pool.size());
        byte[] value = model(pool, ops).get(k.keyHash());
        byte[] proof = f.tree.prove(f.root, f.version, k).encode();
        int bit = bitPick % (proof.length * 8);
        proof[bit / 8] ^= (byte) (1 << (bit % 8));
        assertFalse(StateProof.verify(f.root, k.bytes(), value, proof));
        // truncation and extension are rejected too
        byte[] good = f.tree.prove(f.root, f.version, k).encode();
        assertFalse(StateProof.verify(f.root, k.bytes(), value, java.util.Arrays.copyOf(good, good.length - 1)));
        assertFalse(StateProof.verify(f.root, k.bytes(), value, java.util.Arrays.copyOf(good, good.length + 1)));
    }

    @Property(tries = 300)
    void arbitraryProofBytesNeverThrowAnythingButDecodeException(@ForAll @Size(max = 300) byte[] junk,
            @ForAll("keys") StateKey k) {
        try {
            StateProof p = StateProof.decode(junk);
            assertArrayEquals(junk, p.encode(), "a decodable proof has exactly one encoding");
        } catch (DecodeException expected) {
            // fine
        }
        assertFalse(StateProof.verify(io.tally.crypto.Sha256.hash(junk), k.bytes(), null, junk));
    }

    @Property(tries = 100)
    void keysSharingLongPrefixesBehaveLikeTheReference(@ForAll @IntRange(min = 0, max = 254) int sharedBits,
            @ForAll @Size(min = 2, max = 12) List<@IntRange(min = 0, max = 255) Integer> tails,
            @ForAll @IntRange(min = 0, max = 11) int deleteIndex) {
        // keys equal on their first sharedBits bits, then differing: long chains of one-sided internal nodes
        TreeMap<Hash, byte[]> m = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        for (int t : tails) {
            byte[] k = new byte[32];
            java.util.Arrays.fill(k, (byte) 0x5a);
            for (int j = 0; j < 8 && sharedBits + j < 256; j++) {
                int bit = sharedBits + j;
                int mask = 0x80 >>> (bit & 7);
                k[bit >>> 3] = (byte) (((t >>> (7 - j)) & 1) == 1 ? k[bit >>> 3] | mask : k[bit >>> 3] & ~mask);
            }
            Hash h = Hash.of(k);
            if (m.put(h, new byte[] {(byte) t}) == null) {
                changes.add(new Change(h, new byte[] {(byte) t}));
            } else {
                changes.replaceAll(c -> c.keyHash().equals(h) ? new Change(h, new byte[] {(byte) t}) : c);
            }
        }
        Fixture f = new Fixture();
        f.applyHashed(changes);
        assertEquals(ReferenceTree.root(m), f.root);
        for (Map.Entry<Hash, byte[]> e : m.entrySet()) {
            assertTrue(f.tree.proveHashed(f.root, f.version, e.getKey()).verify(f.root, e.getKey(), e.getValue()));
        }
        Hash victim = new ArrayList<>(m.keySet()).get(deleteIndex % m.size());
        f.applyHashed(List.of(new Change(victim, null)));
        m.remove(victim);
        assertEquals(ReferenceTree.root(m), f.root);
        assertTrue(f.tree.proveHashed(f.root, f.version, victim).verify(f.root, victim, null));
        assertTrue(f.tree.getHashed(f.root, f.version, victim).isEmpty());
    }
}
