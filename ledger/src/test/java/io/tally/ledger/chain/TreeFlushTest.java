package io.tally.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.KeyPair;
import io.tally.ledger.block.Block;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.Durability;
import io.tally.ledger.store.InMemoryStore;
import io.tally.ledger.store.KvIterator;
import io.tally.ledger.store.KvStore;
import io.tally.ledger.store.LevelDbStore;
import io.tally.ledger.store.StorageException;
import io.tally.ledger.store.StoreSchema;
import io.tally.ledger.store.WriteBatch;
import io.tally.ledger.tx.Transaction;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state tree is written only at tree flushes and rebuilt after a restart from the last flushed
 * tree and the changed keys of the blocks since: whatever the flush policy and wherever the node
 * stops, the chain computes the same blocks as one that writes every block's tree, and its head's
 * proofs verify.
 */
class TreeFlushTest {
    private static final int BLOCKS = 40;
    /** 12 accounts whose state keys share their first 17 path bits in pairs or more, and 12 others. */
    private static final TestLedger DEEP = TestLedger.create(1, deepAndPlainAccounts(), 1_000_000);
    private final TestLedger t = DEEP;

    /**
     * Accounts whose leaves sit below the tree's linked levels (depth 16), found by trying keys: the
     * unflushed nodes there are kept apart from the linked ones, and a flush must find both.
     */
    private static List<KeyPair> deepAndPlainAccounts() {
        Map<Integer, List<KeyPair>> byPrefix = new HashMap<>();
        List<KeyPair> plain = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            KeyPair k = TestLedger.key("account", i);
            byte[] h = StateKey.account(k.address()).keyHash().bytes();
            int prefix17 = ((h[0] & 0xff) << 9) | ((h[1] & 0xff) << 1) | ((h[2] & 0xff) >>> 7);
            byPrefix.computeIfAbsent(prefix17, x -> new ArrayList<>()).add(k);
            if (plain.size() < 12) {
                plain.add(k);
            }
        }
        List<KeyPair> accounts = new ArrayList<>(plain);
        byPrefix.values().stream().filter(ks -> ks.size() > 1).limit(6).forEach(ks -> ks.stream().limit(2)
                .filter(k -> !accounts.contains(k)).forEach(accounts::add));
        if (accounts.size() < 22) {
            throw new IllegalStateException("expected colliding 17-bit prefixes among 4096 keys");
        }
        return accounts;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void aChainFlushingRarelyAndRestartingAnywhereAgreesWithOneWritingEveryTree(long seed) {
        Random rnd = new Random(seed);
        Map<StateKey, Boolean> recordKeys = new HashMap<>();
        try (KvStore refStore = new InMemoryStore(); KvStore store = new InMemoryStore()) {
            ChainStore ref = ChainStore.initGenesis(refStore, t.genesis, TreeFlushPolicy.EVERY_BLOCK);
            TreeFlushPolicy policy = randomPolicy(rnd);
            ChainStore chain = ChainStore.initGenesis(store, t.genesis, policy);
            for (int h = 1; h <= BLOCKS; h++) {
                List<Transaction> txs = randomBlock(rnd, ref, recordKeys);
                Block expected = t.commitNext(ref, txs);
                Block got = t.commitNext(chain, txs);
                assertEquals(expected.hash(), got.hash(), "block " + h + " (seed " + seed + ", " + policy + ")");
                if (rnd.nextInt(4) == 0) {
                    // a restart (or a crash: every commit is one complete batch), maybe with other limits
                    policy = randomPolicy(rnd);
                    chain = ChainStore.open(store, policy);
                }
                assertHeadProvable(chain, expected, recordKeys);
            }
        }
    }

    private static TreeFlushPolicy randomPolicy(Random rnd) {
        // a third write each flush whole; the others spread it over blocks, a few nodes per block
        int perBlock = rnd.nextInt(3) == 0 ? Integer.MAX_VALUE : 1 + rnd.nextInt(20);
        return new TreeFlushPolicy(1 + rnd.nextInt(400), 1 + rnd.nextInt(8), perBlock);
    }

    /** Up to 8 transfers and record writes (some overwriting, some new) from random senders. */
    private List<Transaction> randomBlock(Random rnd, ChainStore chain, Map<StateKey, Boolean> recordKeys) {
        Map<KeyPair, Long> nonces = new HashMap<>();
        List<Transaction> txs = new ArrayList<>();
        int n = rnd.nextInt(9);
        for (int i = 0; i < n; i++) {
            KeyPair from = t.accounts.get(rnd.nextInt(t.accounts.size()));
            long nonce = nonces.computeIfAbsent(from, k -> chain.account(k.address()).nonce());
            nonces.put(from, nonce + 1);
            if (rnd.nextBoolean()) {
                txs.add(t.transfer(from, nonce, t.accounts.get(rnd.nextInt(t.accounts.size())).address(), 1 + rnd.nextInt(100)));
            } else {
                byte[] key = new byte[] {(byte) rnd.nextInt(3)};
                recordKeys.put(StateKey.record(from.address(), key), true);
                txs.add(t.record(from, nonce, key, new byte[] {(byte) rnd.nextInt(256), 7}));
            }
        }
        return txs;
    }

    private void assertHeadProvable(ChainStore chain, Block head, Map<StateKey, Boolean> recordKeys) {
        assertEquals(head.hash(), chain.head().hash());
        for (KeyPair a : t.accounts) {
            StateKey key = StateKey.account(a.address());
            ProvenState p = chain.proveState(key);
            assertEquals(head.header().stateRoot(), p.stateRoot());
            assertTrue(p.verify(), "proof of " + key + " at " + head.height());
            assertArrayEquals(chain.account(a.address()).encode(), p.value().orElseThrow());
        }
        for (StateKey key : recordKeys.keySet()) {
            ProvenState p = chain.proveState(key);
            assertTrue(p.verify(), "proof of " + key + " at " + head.height());
            assertTrue(p.value().isPresent());
        }
    }

    @Test
    void aFlushWritesOnlyTheNodesTheLatestTreeUsesAndARestartRebuildsTheRest(@TempDir Path dir) {
        KeyPair alice = t.accounts.get(0);
        KeyPair bob = t.accounts.get(1);
        TreeFlushPolicy everyFifth = new TreeFlushPolicy(Integer.MAX_VALUE, 5);
        List<Block> expected = new ArrayList<>();
        try (KvStore refStore = new InMemoryStore(); KvStore store = LevelDbStore.open(dir)) {
            ChainStore ref = ChainStore.initGenesis(refStore, t.genesis, TreeFlushPolicy.EVERY_BLOCK);
            ChainStore chain = ChainStore.initGenesis(store, t.genesis, everyFifth);
            long genesisNodes = count(store, Column.SMT_NODE);
            for (int i = 0; i < 7; i++) {
                List<Transaction> txs = List.of(t.transfer(alice, i, bob.address(), 1));
                expected.add(t.commitNext(ref, txs));
                t.commitNext(chain, txs);
                if (i == 3) {
                    assertEquals(genesisNodes, count(store, Column.SMT_NODE), "no tree written before the flush");
                    assertEquals(4, count(store, Column.STATE_CHANGES), "each unflushed block records its changed keys");
                }
                if (i == 4) {
                    assertEquals(0, count(store, Column.STATE_CHANGES), "the flush deletes the changed keys");
                    long written = count(store, Column.SMT_NODE) - genesisNodes;
                    long everyBlock = count(refStore, Column.SMT_NODE) - genesisNodes;
                    assertTrue(written > 0 && written * 3 < everyBlock,
                            "the flush wrote " + written + " nodes, writing every tree " + everyBlock);
                }
            }
            assertEquals(2, count(store, Column.STATE_CHANGES), "blocks 6 and 7 are not flushed");
        }
        try (KvStore store = LevelDbStore.open(dir)) {
            ChainStore chain = ChainStore.open(store, everyFifth);
            Block head = expected.get(6);
            assertEquals(head.hash(), chain.head().hash());
            assertNotNull(chain.nodeReader().linkedRoot(7, head.header().stateRoot()), "the rebuilt head tree is linked");
            assertHeadProvable(chain, head, Map.of());
            assertEquals(new AccountState(1_000_000 - 7, 7), chain.account(alice.address()));
            // the chain goes on from the rebuilt tree, flushes at block 10 and reopens from it
            for (int i = 7; i < 10; i++) {
                t.commitNext(chain, List.of(t.transfer(alice, i, bob.address(), 1)));
            }
            assertEquals(0, count(store, Column.STATE_CHANGES));
            ChainStore reopened = ChainStore.open(store, TreeFlushPolicy.DEFAULT);
            assertEquals(10, reopened.head().height());
            assertTrue(reopened.proveState(StateKey.account(bob.address())).verify());
        }
    }

    @Test
    void aFlushSpreadOverBlocksCountsOnlyOnceItsLastPartIsWrittenAndACrashBeforeThatLosesNothing(@TempDir Path dir) {
        KeyPair alice = t.accounts.get(0);
        KeyPair bob = t.accounts.get(1);
        // a flush after 3 blocks, written 1 node per block (or 1/64 of it): tens of blocks
        TreeFlushPolicy spread = new TreeFlushPolicy(Integer.MAX_VALUE, 3, 1);
        List<Block> expected = new ArrayList<>();
        int nonce = 0;
        try (KvStore refStore = new InMemoryStore(); KvStore store = LevelDbStore.open(dir)) {
            ChainStore ref = ChainStore.initGenesis(refStore, t.genesis, TreeFlushPolicy.EVERY_BLOCK);
            ChainStore chain = ChainStore.initGenesis(store, t.genesis, spread);
            long genesisNodes = count(store, Column.SMT_NODE);
            for (int h = 1; h <= 6; h++, nonce++) {
                List<Transaction> txs = List.of(t.transfer(alice, nonce, bob.address(), 1));
                expected.add(t.commitNext(ref, txs));
                t.commitNext(chain, txs);
            }
            assertArrayEquals(ChainKeys.height(0), store.get(Column.META, ChainKeys.TREE_FLUSHED).orElseThrow(),
                    "the flush of block 3 is still being written");
            assertEquals(6, count(store, Column.STATE_CHANGES), "so every block's changed keys are kept");
            long partial = count(store, Column.SMT_NODE) - genesisNodes;
            assertTrue(partial >= 4, "one part per block since block 3: " + partial);
        }
        // a crash mid-flush: the store reopens from the flush before it, with every block's changes
        try (KvStore store = LevelDbStore.open(dir)) {
            ChainStore chain = ChainStore.open(store, spread);
            assertHeadProvable(chain, expected.get(5), Map.of());
            int blocks = 0;
            while (ChainKeys.decodeHeight(store.get(Column.META, ChainKeys.TREE_FLUSHED).orElseThrow()) == 0) {
                t.commitNext(chain, List.of(t.transfer(alice, nonce++, bob.address(), 1)));
                assertTrue(++blocks < 500, "the flush never completed");
            }
            long flushed = ChainKeys.decodeHeight(store.get(Column.META, ChainKeys.TREE_FLUSHED).orElseThrow());
            assertTrue(flushed > 6 && flushed < chain.head().height(), "the flush started after the reopen completed "
                    + "blocks later: flushed " + flushed + ", head " + chain.head().height());
            for (long x = 1; x <= flushed; x++) {
                assertTrue(store.get(Column.STATE_CHANGES, ChainKeys.height(x)).isEmpty(), "changes of block " + x);
            }
            assertEquals(chain.head().height() - flushed, count(store, Column.STATE_CHANGES));
            long head = chain.head().height();
            ChainStore reopened = ChainStore.open(store, TreeFlushPolicy.DEFAULT);
            assertEquals(head, reopened.head().height(), "reopened from the completed flush");
            assertTrue(reopened.proveState(StateKey.account(bob.address())).verify());
        }
    }

    @Test
    void aDamagedRebuildIsAClearErrorNotAWrongTree() {
        KeyPair alice = t.accounts.get(0);
        KeyPair bob = t.accounts.get(1);
        try (KvStore store = new InMemoryStore()) {
            ChainStore chain = ChainStore.initGenesis(store, t.genesis, new TreeFlushPolicy(Integer.MAX_VALUE, 100));
            for (int i = 0; i < 3; i++) {
                t.commitNext(chain, List.of(t.transfer(alice, i, bob.address(), 1)));
            }
            byte[] changes2 = store.get(Column.STATE_CHANGES, ChainKeys.height(2)).orElseThrow();
            write(store, b -> b.delete(Column.STATE_CHANGES, ChainKeys.height(2)));
            StorageException missing = assertThrows(StorageException.class, () -> ChainStore.open(store));
            assertTrue(missing.getMessage().contains("changed by block 2"), missing.getMessage());

            write(store, b -> b.put(Column.STATE_CHANGES, ChainKeys.height(2), new byte[] {0, 0, 0, 9, 1}));
            StorageException malformed = assertThrows(StorageException.class, () -> ChainStore.open(store));
            assertTrue(malformed.getMessage().contains("changed state keys of block 2"), malformed.getMessage());

            write(store, b -> b.put(Column.STATE_CHANGES, ChainKeys.height(2), changes2));
            byte[] alicesKey = StateKey.account(alice.address()).bytes();
            byte[] alices = store.get(Column.STATE, alicesKey).orElseThrow();
            write(store, b -> b.put(Column.STATE, alicesKey, new AccountState(5, 3).encode()));
            StorageException wrong = assertThrows(StorageException.class, () -> ChainStore.open(store));
            assertTrue(wrong.getMessage().contains("rebuilt") && wrong.getMessage().contains("corrupt"), wrong.getMessage());

            write(store, b -> b.put(Column.STATE, alicesKey, alices));
            write(store, b -> b.put(Column.META, ChainKeys.TREE_FLUSHED, ChainKeys.height(4)));
            StorageException ahead = assertThrows(StorageException.class, () -> ChainStore.open(store));
            assertTrue(ahead.getMessage().contains("flushed at block 4"), ahead.getMessage());

            write(store, b -> b.put(Column.META, ChainKeys.TREE_FLUSHED, ChainKeys.height(0)));
            assertEquals(3, ChainStore.open(store).head().height(), "repaired, it opens again");
        }
    }

    @Test
    void aSchemaTwoStoreIsUpgradedInPlace() {
        KeyPair alice = t.accounts.get(0);
        try (KvStore store = new InMemoryStore()) {
            // schema 2 wrote every block's tree and had no flush height
            ChainStore old = ChainStore.initGenesis(store, t.genesis, TreeFlushPolicy.EVERY_BLOCK);
            t.commitNext(old, List.of(t.transfer(alice, 0, t.accounts.get(1).address(), 1)));
            write(store, b -> b.put(Column.META, StoreSchema.VERSION_KEY, ByteBuffer.allocate(4).putInt(2).array())
                    .delete(Column.META, ChainKeys.TREE_FLUSHED));

            ChainStore chain = ChainStore.open(store);
            assertEquals(Optional.of(StoreSchema.VERSION),
                    store.get(Column.META, StoreSchema.VERSION_KEY).map(v -> ByteBuffer.wrap(v).getInt()));
            assertArrayEquals(ChainKeys.height(1), store.get(Column.META, ChainKeys.TREE_FLUSHED).orElseThrow());
            assertTrue(chain.proveState(StateKey.account(alice.address())).verify());
            t.commitNext(chain, List.of(t.transfer(alice, 1, t.accounts.get(1).address(), 1)));
            assertEquals(2, ChainStore.open(store).head().height());
        }
    }

    @Test
    void aStoreWithoutAFlushHeightIsRefused() {
        try (KvStore store = new InMemoryStore()) {
            ChainStore.initGenesis(store, t.genesis);
            write(store, b -> b.delete(Column.META, ChainKeys.TREE_FLUSHED));
            StorageException e = assertThrows(StorageException.class, () -> ChainStore.open(store));
            assertTrue(e.getMessage().contains("tree flush height"), e.getMessage());
        }
    }

    @Test
    void flushLimitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TreeFlushPolicy(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TreeFlushPolicy(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TreeFlushPolicy(1, 1, 0));
    }

    private interface BatchFill {
        void fill(WriteBatch b);
    }

    private static void write(KvStore store, BatchFill fill) {
        try (WriteBatch b = store.newBatch()) {
            fill.fill(b);
            b.commit(Durability.SYNCED);
        }
    }

    private static long count(KvStore store, Column column) {
        long n = 0;
        try (KvIterator it = store.iteratePrefix(column, new byte[0])) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
