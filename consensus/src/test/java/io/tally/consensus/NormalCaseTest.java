package io.tally.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.consensus.sim.SimChain;
import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import io.tally.ledger.block.Block;
import org.junit.jupiter.api.Test;

/** PBFT normal case (Castro and Liskov, section 4.2) adapted to one height at a time. */
class NormalCaseTest {

    @Test
    void primaryProposesAndAQuorumOfMatchingCommitsCommitsTheBlockWithItsCertificate() {
        // given four validators with transactions pending
        Cluster c = Cluster.of(4).start().transactionsArrive();
        // when every message is delivered
        c.deliverAll();
        // then all four commit the same block at height 1, proposed by the primary of view 0
        for (int i = 0; i < 4; i++) {
            assertEquals(1, c.height(i), "replica " + i);
            assertEquals(c.committed(0, 1).hash(), c.committed(i, 1).hash());
        }
        assertEquals(c.validators.get(0), c.committed(0, 1).header().proposer());
        // and nobody needed a view change
        for (int i = 0; i < 4; i++) {
            assertTrue(c.sent(i, MessageKind.VIEW_CHANGE).isEmpty());
        }
    }

    @Test
    void commitCertificateIsTheQuorumOfCommitVotes() throws Exception {
        Cluster c = Cluster.of(4).start().transactionsArrive().deliverAll();
        Action.CommitBlock commit = (Action.CommitBlock) c.actions.get(2).stream()
            .filter(a -> a instanceof Action.CommitBlock).findFirst().orElseThrow();
        commit.certificate().verifyFor(SimChain.CHAIN_ID, c.validators, 1, commit.block().hash());
        assertTrue(commit.certificate().signatures().size() >= c.validators.quorum());
    }

    @Test
    void singleValidatorCommitsAlone() {
        Cluster c = Cluster.of(1).start().transactionsArrive();
        assertEquals(1, c.height(0));
        c.transactionsArrive();
        assertEquals(2, c.height(0));
        assertTrue(c.network.isEmpty(), "n = 1 sends nothing");
    }

    @Test
    void aPendingSignalThatArrivesWhileTheCommitIsAppliedIsNotLost() {
        // given a single validator whose block 1 is committed but not yet applied
        Cluster c = Cluster.of(1);
        c.holdCommits = true;
        c.start().transactionsArrive();
        assertEquals(1, c.heldCommits.size());
        // when a transaction is admitted during the commit (TransactionsPending), and the commit's
        // own "pending" answer was computed just before it (false)
        c.transactionsArrive();
        c.applyHeldCommit(false);
        // then the replica still proposes height 2 instead of idling until a view change
        assertEquals(1, c.heldCommits.size(), "height 2 was proposed and committed");
        c.applyHeldCommit(false);
        assertEquals(2, c.height(0));
    }

    @Test
    void consecutiveHeightsChainOnTheirParents() {
        Cluster c = Cluster.of(4).start();
        for (int h = 1; h <= 3; h++) {
            c.transactionsArrive().deliverAll();
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(3, c.height(i));
            assertEquals(c.committed(i, 1).hash(), c.committed(i, 2).header().previousHash());
            assertEquals(c.chainOf(0), c.chainOf(i));
        }
    }

    @Test
    void noEmptyBlockIsProposedWithoutPendingTransactions() {
        // given a started cluster and an empty mempool
        Cluster c = Cluster.of(4).start();
        // when messages and the retransmit timers run
        c.deliverAll();
        for (int i = 0; i < 4; i++) {
            c.fire(i, TimerKind.RETRANSMIT);
        }
        c.deliverAll();
        // then nothing is proposed and no view timer runs
        for (int i = 0; i < 4; i++) {
            assertEquals(0, c.height(i));
            assertTrue(c.sent(i, MessageKind.PRE_PREPARE).isEmpty());
            assertTrue(c.timersSet(i, TimerKind.VIEW).isEmpty());
        }
    }

    @Test
    void heartbeatProposesAnEmptyHeightWhenConfigured() {
        Cluster c = new Cluster(4, PbftConfig.defaults(SimChain.CHAIN_ID).withHeartbeat(5_000)).start();
        assertTrue(c.fire(0, TimerKind.HEARTBEAT));
        c.deliverAll();
        assertEquals(1, c.height(3));
    }

    @Test
    void backupRejectsPrePrepareFromNonPrimary() {
        Cluster c = Cluster.of(4).start();
        Block b = c.chain.build(1, c.chain.genesis().hash(), 20_000, c.validators.get(2), 1, 0);
        c.inject(1, c.sign(2, new PrePrepare(1, 0, b)));
        assertEquals(1, c.replicas.get(1).dropped(DropReason.NOT_PRIMARY));
        assertTrue(c.sent(1, MessageKind.PREPARE).isEmpty());
    }

    @Test
    void backupDoesNotPrepareABlockTheLedgerRejects() {
        // given a primary whose block fails validation at every backup
        Cluster c = Cluster.of(4).start();
        c.autoValidate = false;
        c.transactionsArrive();
        c.deliverAll();
        for (int i = 1; i < 4; i++) {
            Action.ValidateProposal v = (Action.ValidateProposal) c.actions.get(i).stream()
                .filter(a -> a instanceof Action.ValidateProposal).findFirst().orElseThrow();
            c.step(i, new Event.BlockValidated(1, v.block().hash(), false));
        }
        c.deliverAll();
        // then no backup prepares, nothing commits, and the view timer is running
        for (int i = 1; i < 4; i++) {
            assertTrue(c.sent(i, MessageKind.PREPARE).isEmpty());
            assertFalse(c.timersSet(i, TimerKind.VIEW).isEmpty());
            assertEquals(0, c.height(i));
        }
    }

    @Test
    void proposalWithWrongParentOrTxRootIsDropped() {
        Cluster c = Cluster.of(4).start();
        Block wrongParent = c.chain.build(1, Sha256.hash(new byte[] {1}), 20_000, c.validators.get(0), 1, 0);
        c.inject(1, c.sign(0, new PrePrepare(1, 0, wrongParent)));
        assertEquals(1, c.replicas.get(1).dropped(DropReason.INVALID_PROPOSAL));
        Block good = c.chain.build(1, c.chain.genesis().hash(), 20_000, c.validators.get(0), 2, 0);
        Block tampered = new Block(good.header(), good.transactions().subList(0, 1));
        c.inject(2, c.sign(0, new PrePrepare(1, 0, tampered)));
        assertEquals(1, c.replicas.get(2).dropped(DropReason.INVALID_PROPOSAL));
    }

    @Test
    void commitsFromAnyViewCountTowardTheCertificate() {
        // given a replica that moved to view 1 while the others committed in view 0
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.to() == 3 && e.message().body().kind() == MessageKind.COMMIT;
        c.deliverAll();
        c.drop = e -> false;
        c.fire(3, TimerKind.VIEW);
        assertTrue(c.replicas.get(3).viewChanging());
        // when the view-0 commits are relayed to it
        for (int i = 0; i < 3; i++) {
            for (SignedMessage m : c.sent(i, MessageKind.COMMIT)) {
                c.inject(3, m);
            }
        }
        // then it commits the same block
        assertEquals(1, c.height(3));
        Hash h = c.committed(0, 1).hash();
        assertEquals(h, c.committed(3, 1).hash());
    }
}
