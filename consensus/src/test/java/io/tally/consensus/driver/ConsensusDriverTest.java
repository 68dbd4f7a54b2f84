package io.tally.consensus.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.consensus.Evidence;
import io.tally.consensus.PbftConfig;
import io.tally.consensus.PbftReplica;
import io.tally.consensus.PersistedRecord;
import io.tally.consensus.sim.SimChain;
import io.tally.crypto.Signer;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.ValidatorSet;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The driver with real threads and an in-memory transport: it commits, and it fails stop. */
@Timeout(30)
class ConsensusDriverTest {
    private static final PbftConfig CONFIG = PbftConfig.defaults(SimChain.CHAIN_ID).withTimeouts(300, 8, 100);

    /** One validator's node: ledger in memory, block builder from the simulator's chain. */
    private static final class Node implements CommitSink, NodeHooks {
        final List<Block> ledger = new CopyOnWriteArrayList<>();
        final CountDownLatch committed;
        final SimChain chain;
        final int index;

        Node(SimChain chain, int index, int heights) {
            this.chain = chain;
            this.index = index;
            this.committed = new CountDownLatch(heights);
        }

        @Override
        public boolean commit(Block block, io.tally.ledger.block.CommitCertificate certificate) throws Exception {
            certificate.verifyFor(SimChain.CHAIN_ID, chain.validatorSet(), block.height(), block.hash());
            ledger.add(block);
            committed.countDown();
            return true;
        }

        @Override
        public void requestSync(long targetHeight, List<Integer> hintPeers) {}

        @Override
        public void reportEvidence(Evidence evidence) {}

        ProposalBuilder builder() {
            return b -> chain.build(b.height(), b.parentHash(), b.timestampMillis(),
                chain.validatorSet().get(index), 3, 0);
        }
    }

    private static ConsensusDriver driver(SimChain chain, int i, VoteStore store, Transport t, Node node) {
        ValidatorSet vs = chain.validatorSet();
        BlockHeader head = chain.genesis();
        PbftReplica r = new PbftReplica(CONFIG, vs, Signer.of(SimChain.key(i)), head, List.of());
        return new ConsensusDriver(r, store, t, node.builder(), SimChain::isValid, node, node, Clock.systemUTC(), 1_000);
    }

    @Test
    void singleValidatorDevnetCommitsBlocks() throws Exception {
        SimChain chain = new SimChain(SimChain.validators(1), 8);
        Node node = new Node(chain, 0, 3);
        InMemoryVoteStore store = new InMemoryVoteStore();
        Transport none = new Transport() {
            @Override
            public void broadcast(byte[] m) {}

            @Override
            public void send(int i, byte[] m) {}
        };
        try (ConsensusDriver d = driver(chain, 0, store, none, node)) {
            d.start();
            d.transactionsPending();
            assertTrue(node.committed.await(20, TimeUnit.SECONDS), "three blocks committed");
            assertEquals(1, node.ledger.get(0).height());
            assertEquals(node.ledger.get(0).hash(), node.ledger.get(1).header().previousHash());
        }
    }

    @Test
    void fourDriversOverAnInMemoryNetworkAgree() throws Exception {
        SimChain chain = new SimChain(SimChain.validators(4), 8);
        List<ConsensusDriver> drivers = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                int self = i;
                Node node = new Node(chain, i, 3);
                nodes.add(node);
                Transport t = new Transport() {
                    @Override
                    public void broadcast(byte[] m) {
                        for (int j = 0; j < drivers.size(); j++) {
                            if (j != self) {
                                drivers.get(j).onPeerMessage(m);
                            }
                        }
                    }

                    @Override
                    public void send(int to, byte[] m) {
                        drivers.get(to).onPeerMessage(m);
                    }
                };
                drivers.add(driver(chain, i, new InMemoryVoteStore(), t, node));
            }
            for (ConsensusDriver d : drivers) {
                d.start();
                d.transactionsPending();
            }
            for (Node n : nodes) {
                assertTrue(n.committed.await(20, TimeUnit.SECONDS), "replica " + n.index + " committed three blocks");
            }
            for (int h = 0; h < 3; h++) {
                for (Node n : nodes) {
                    assertEquals(nodes.get(0).ledger.get(h).hash(), n.ledger.get(h).hash());
                }
            }
        } finally {
            for (ConsensusDriver d : drivers) {
                d.close();
            }
        }
    }

    @Test
    void failedFsyncHaltsBeforeAnyVoteIsSent() throws Exception {
        SimChain chain = new SimChain(SimChain.validators(1), 8);
        Node node = new Node(chain, 0, 1);
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch syncAttempted = new CountDownLatch(1);
        VoteStore broken = new VoteStore() {
            @Override
            public void append(PersistedRecord record) {}

            @Override
            public void pruneBelow(long height) {}

            @Override
            public void sync() throws IOException {
                syncAttempted.countDown();
                throw new IOException("Input/output error");
            }

            @Override
            public List<PersistedRecord> load() {
                return List.of();
            }
        };
        Transport counting = new Transport() {
            @Override
            public void broadcast(byte[] m) {
                sent.incrementAndGet();
            }

            @Override
            public void send(int i, byte[] m) {
                sent.incrementAndGet();
            }
        };
        try (ConsensusDriver d = driver(chain, 0, broken, counting, node)) {
            d.start();
            d.transactionsPending();
            assertTrue(syncAttempted.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (d.failure() == null && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertNotNull(d.failure(), "the driver halted");
            assertEquals(0, sent.get());
            assertEquals(0, node.ledger.size());
            assertTrue(!d.onPeerMessage(new byte[] {1}), "a halted driver takes no more input");
        }
    }
}
