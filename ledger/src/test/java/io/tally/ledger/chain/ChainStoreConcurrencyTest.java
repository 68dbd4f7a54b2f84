package io.tally.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.KeyPair;
import io.tally.ledger.block.Block;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.store.LevelDbStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Readers running while blocks commit (and the state tree flushes) always see a complete head: its block, its root, its proofs. */
class ChainStoreConcurrencyTest {
    @Test
    @Timeout(60)
    void readersSeeOnlyCompleteHeadsWhileBlocksCommit(@TempDir Path dir) throws Exception {
        TestLedger t = TestLedger.create(1, 4, 1_000_000);
        KeyPair alice = t.accounts.get(0);
        StateKey aliceKey = StateKey.account(alice.address());
        try (LevelDbStore store = LevelDbStore.open(dir)) {
            // tree flushes every third block: readers cross flushes and walk unflushed trees
            ChainStore chain = ChainStore.initGenesis(store, t.genesis, new TreeFlushPolicy(1_000_000, 3));
            AtomicReference<String> failure = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            long deadline = System.nanoTime() + 30_000_000_000L;
            Thread reader = new Thread(() -> {
                while (failure.get() == null && System.nanoTime() < deadline && chain.head().height() < 20) {
                    try {
                        Head h = chain.head();
                        Block b = chain.blockByHeight(h.height()).orElseThrow();
                        if (!b.hash().equals(h.hash())) {
                            failure.set("head block mismatch at " + h.height());
                        }
                        ProvenState p = chain.proveState(aliceKey);
                        Block proven = chain.blockByHeight(p.height()).orElseThrow();
                        if (p.height() < h.height() || !p.verify() || !p.stateRoot().equals(proven.header().stateRoot())) {
                            failure.set("proof at head " + p.height() + " (read after head " + h.height() + ") does not verify");
                        }
                        reads.incrementAndGet();
                    } catch (RuntimeException e) {
                        failure.set(e.toString());
                    }
                }
            });
            reader.start();
            for (int i = 0; i < 20; i++) {
                t.commitNext(chain, List.of(t.transfer(alice, i, t.accounts.get(1 + i % 3).address(), 1)));
            }
            reader.join(30_000);
            assertFalse(reader.isAlive());
            assertEquals(null, failure.get());
            assertTrue(reads.get() > 0);
            assertEquals(20, chain.head().height());
        }
    }
    @Test
    @Timeout(60)
    void cachedFlatStateNeverGoesBackAndEndsAtTheCommittedValue(@TempDir Path dir) throws Exception {
        TestLedger t = TestLedger.create(1, 4, 1_000_000);
        KeyPair alice = t.accounts.get(0);
        try (LevelDbStore store = LevelDbStore.open(dir)) {
            ChainStore chain = ChainStore.initGenesis(store, t.genesis);
            AtomicReference<String> failure = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            long deadline = System.nanoTime() + 30_000_000_000L;
            Runnable readLoop = () -> {
                long last = 0;
                while (failure.get() == null && System.nanoTime() < deadline && chain.head().height() < 40) {
                    long nonce = chain.account(alice.address()).nonce();
                    if (nonce < last) {
                        failure.set("nonce went back from " + last + " to " + nonce);
                    }
                    last = nonce;
                    reads.incrementAndGet();
                }
            };
            Thread r1 = new Thread(readLoop);
            Thread r2 = new Thread(readLoop);
            r1.start();
            r2.start();
            for (int i = 0; i < 40; i++) {
                t.commitNext(chain, List.of(t.transfer(alice, i, t.accounts.get(1 + i % 3).address(), 1)));
            }
            r1.join(30_000);
            r2.join(30_000);
            assertEquals(null, failure.get());
            assertTrue(reads.get() > 0);
            assertEquals(40, chain.account(alice.address()).nonce(), "the cache holds the last commit");
            assertEquals(40, ChainStore.open(store).account(alice.address()).nonce(), "and so does the store");
        }
    }
}
