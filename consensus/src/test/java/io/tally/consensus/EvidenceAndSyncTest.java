package io.tally.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.consensus.sim.SimChain;
import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import io.tally.ledger.block.Block;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Equivocation evidence and the catch-up hook. */
class EvidenceAndSyncTest {

    @Test
    void equivocatingPrimaryIsReportedWithBothSignedProposals() {
        Cluster c = Cluster.of(4).start();
        Block x = c.chain.build(1, c.chain.genesis().hash(), 20_000, c.validators.get(0), 1, 0);
        Block y = c.chain.build(1, c.chain.genesis().hash(), 20_001, c.validators.get(0), 1, 1);
        c.inject(2, c.sign(0, new PrePrepare(1, 0, x)));
        c.inject(2, c.sign(0, new PrePrepare(1, 0, y)));
        assertEquals(1, c.evidence.size());
        Evidence e = c.evidence.get(0);
        assertEquals(0, e.validatorIndex());
        assertTrue(e.first().verify(SimChain.CHAIN_ID, c.validators.get(0)));
        assertTrue(e.second().verify(SimChain.CHAIN_ID, c.validators.get(0)));
        assertEquals(1, c.sent(2, MessageKind.PREPARE).size(), "the first proposal only");
    }

    @Test
    void doubleVotingReplicaIsReportedAndItsSecondVoteNotCounted() {
        Cluster c = Cluster.of(4).start();
        Hash a = Sha256.hash(new byte[] {1});
        Hash b = Sha256.hash(new byte[] {2});
        c.inject(3, c.sign(1, new Commit(1, 0, a)));
        c.inject(3, c.sign(1, new Commit(1, 0, b)));
        c.inject(3, c.sign(1, new Commit(1, 0, b)));
        assertEquals(1, c.evidence.size());
        assertEquals(2, c.replicas.get(3).dropped(DropReason.EQUIVOCATION));
    }

    @Test
    void forgedConflictingMessageIsNotEvidence() {
        Cluster c = Cluster.of(4).start();
        c.inject(3, c.sign(1, new Prepare(1, 0, Sha256.hash(new byte[] {1}))));
        SignedMessage forged = new SignedMessage(1, new Prepare(1, 0, Sha256.hash(new byte[] {2})),
            c.sign(2, new Prepare(1, 0, Sha256.hash(new byte[] {2}))).signature());
        c.inject(3, forged);
        assertTrue(c.evidence.isEmpty());
        assertEquals(1, c.replicas.get(3).dropped(DropReason.BAD_SIGNATURE));
    }

    @Test
    void weakQuorumAtAHigherHeightTriggersASyncRequest() {
        Cluster c = Cluster.of(4).start();
        Hash any = Sha256.hash(new byte[] {9});
        c.inject(3, c.sign(1, new Prepare(6, 0, any)));
        c.fire(3, TimerKind.RETRANSMIT);
        assertTrue(c.syncRequests.isEmpty(), "one validator ahead proves nothing");
        c.inject(3, c.sign(2, new Prepare(5, 0, any)));
        c.fire(3, TimerKind.RETRANSMIT);
        assertEquals(1, c.syncRequests.size());
        assertEquals(4, c.syncRequests.get(0).targetHeight());
        assertEquals(java.util.List.of(1, 2), c.syncRequests.get(0).hintPeers());
        // when the node has synced, the replica continues from the new head
        Block b1 = c.chain.build(1, c.chain.genesis().hash(), 20_000, c.validators.get(0), 1, 0);
        c.step(3, new Event.ChainAdvanced(b1.header(), c.certificateFor(b1, 0, 1, 2), false));
        assertEquals(2, c.replicas.get(3).height());
    }

    @Test
    void commitCertificateForABlockWeNeverSawTriggersASyncRequest() {
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.to() == 3;
        c.deliverAll();
        c.drop = e -> false;
        for (int i = 0; i < 3; i++) {
            c.inject(3, c.sent(i, MessageKind.COMMIT).get(0));
        }
        assertEquals(1, c.syncRequests.size());
        assertEquals(1, c.syncRequests.get(0).targetHeight());
        assertFalse(c.replicas.get(3).awaitingApply());
    }

    @Test
    void laggingReplicaGetsTheCommitVotesOfTheHeadRelayed() {
        // given replica 3 missed every commit of height 1 while the others moved on
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.to() == 3 && e.message().body().kind() == MessageKind.COMMIT;
        c.deliverAll();
        c.drop = e -> false;
        assertEquals(0, c.height(3));
        // when a retransmit interval passes and it re-sends its own commit of height 1
        for (int i = 0; i < 4; i++) {
            c.fire(i, TimerKind.RETRANSMIT);
        }
        c.deliverAll();
        // then replica 0 relays the certificate's votes and replica 3 commits
        assertEquals(1, c.height(3));
    }

    @Test
    void viewChangesForOtherHeightsDoNotMoveTheView() {
        Cluster c = Cluster.of(4).start();
        c.inject(3, c.sign(1, new ViewChange(3, 1, Optional.empty())));
        c.inject(3, c.sign(2, new ViewChange(3, 1, Optional.empty())));
        assertFalse(c.replicas.get(3).viewChanging());
    }
}
