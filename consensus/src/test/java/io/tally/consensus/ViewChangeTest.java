package io.tally.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.consensus.sim.SimChain;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PBFT view changes and new views (Castro and Liskov, section 4.4), one height at a time. */
class ViewChangeTest {

    @Test
    void crashedPrimaryCostsOneViewChangeAndTheNewPrimaryKeepsTheRole() {
        // given the primary of view 0 has crashed
        Cluster c = Cluster.of(4).start();
        c.crash(0);
        c.transactionsArrive().deliverAll();
        // when the backups' view timers expire
        c.fireViewTimers();
        c.deliverAll();
        // then replica 1 becomes primary of view 1 and its block is committed
        for (int i = 1; i < 4; i++) {
            assertEquals(1, c.height(i), "replica " + i);
        }
        assertEquals(c.validators.get(1), c.committed(1, 1).header().proposer());
        // and the next height needs no view change: the primary that proposed the head keeps the role
        int viewTimersBefore = c.timersSet(2, TimerKind.VIEW).size();
        c.transactionsArrive().deliverAll();
        for (int i = 1; i < 4; i++) {
            assertEquals(2, c.height(i));
            assertEquals(0, c.replicas.get(i).view());
        }
        assertEquals(c.validators.get(1), c.committed(2, 2).header().proposer());
        assertTrue(c.timersSet(2, TimerKind.VIEW).size() - viewTimersBefore <= 1, "only re-armed, never fired");
    }

    @Test
    void newViewCarriesHighestPreparedCertificateAndReproposesItsBlock() {
        // given a block prepared everywhere whose commits were all lost
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.message().body().kind() == MessageKind.COMMIT;
        c.deliverAll();
        Hash prepared = ((PrePrepare) c.sent(0, MessageKind.PRE_PREPARE).get(0).body()).block().hash();
        c.drop = e -> false;
        c.crash(0);
        // when the view changes
        c.fireViewTimers();
        c.deliverAll();
        // then the view changes carried the prepared certificate and the new view re-proposed that block
        ViewChange vc = (ViewChange) c.sent(2, MessageKind.VIEW_CHANGE).get(0).body();
        assertEquals(prepared, vc.prepared().orElseThrow().block().hash());
        NewView nv = (NewView) c.sent(1, MessageKind.NEW_VIEW).get(0).body();
        assertEquals(prepared, ((PrePrepare) nv.prePrepare().orElseThrow().body()).block().hash());
        for (int i = 1; i < 4; i++) {
            assertEquals(prepared, c.committed(i, 1).hash());
        }
    }

    @Test
    void weakQuorumOfViewChangesMakesAReplicaJoin() {
        // given replica 3 in view 0 with nothing pending
        Cluster c = Cluster.of(4).start();
        // when f+1 = 2 validators ask for view 1
        c.inject(3, c.sign(1, new ViewChange(1, 1, Optional.empty())));
        assertFalse(c.replicas.get(3).viewChanging());
        c.inject(3, c.sign(2, new ViewChange(1, 1, Optional.empty())));
        // then it joins them
        assertTrue(c.replicas.get(3).viewChanging());
        assertEquals(1, c.replicas.get(3).view());
        assertEquals(1, c.sent(3, MessageKind.VIEW_CHANGE).size());
    }

    @Test
    void newViewWithoutAQuorumOfViewChangesIsRejected() {
        Cluster c = Cluster.of(4).start();
        List<SignedMessage> two = List.of(c.sign(2, new ViewChange(1, 1, Optional.empty())),
            c.sign(3, new ViewChange(1, 1, Optional.empty())));
        c.inject(2, c.sign(1, new NewView(1, 1, two, Optional.empty())));
        assertEquals(1, c.replicas.get(2).dropped(DropReason.INVALID_JUSTIFICATION));
        assertEquals(0, c.replicas.get(2).view());
    }

    @Test
    void newViewThatIgnoresThePreparedCertificateIsRejected() {
        // given a block X prepared at every replica
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.message().body().kind() == MessageKind.COMMIT;
        c.deliverAll();
        c.drop = e -> false;
        List<SignedMessage> vcs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            c.fire(i, TimerKind.VIEW);
            vcs.add(c.sent(i, MessageKind.VIEW_CHANGE).get(0));
        }
        // when a Byzantine primary of view 1 re-proposes a different block Y
        Block y = c.chain.build(1, c.chain.genesis().hash(), 30_000, c.validators.get(1), 1, 3);
        SignedMessage pp = c.sign(1, new PrePrepare(1, 1, y));
        c.inject(3, c.sign(1, new NewView(1, 1, vcs, Optional.of(pp))));
        // then replica 3 rejects the new view
        assertEquals(1, c.replicas.get(3).dropped(DropReason.INVALID_JUSTIFICATION));
        assertTrue(c.sent(3, MessageKind.PREPARE).stream().noneMatch(m -> m.body().view() == 1));
    }

    @Test
    void viewTimeoutsGrowWithFailedViewsAreCappedAndResetAfterCommit() {
        PbftConfig cfg = PbftConfig.defaults(SimChain.CHAIN_ID).withTimeouts(100, 8, 50);
        assertEquals(List.of(100L, 200L, 400L, 800L, 800L, 800L),
            List.of(cfg.viewTimeoutMillis(0), cfg.viewTimeoutMillis(1), cfg.viewTimeoutMillis(2),
                cfg.viewTimeoutMillis(3), cfg.viewTimeoutMillis(4), cfg.viewTimeoutMillis(60)));
        // given primaries 0 and 1 crashed: views 0 and 1 fail, view 2 succeeds
        Cluster c = new Cluster(7, cfg).start();
        c.crash(0);
        c.crash(1);
        c.transactionsArrive().deliverAll();
        for (int round = 0; round < 3 && c.height(3) == 0; round++) {
            c.fireViewTimers();
            c.deliverAll();
        }
        assertEquals(1, c.height(3));
        List<Long> delays = new ArrayList<>();
        for (Action.SetTimer t : c.timersSet(3, TimerKind.VIEW)) {
            delays.add(t.delayMillis());
        }
        // then the timeouts were 100 (view 0), 200 (view 1), 400 (view 2) and back to 100 after commit
        assertEquals(List.of(100L, 200L, 400L), delays.subList(0, 3));
        c.transactionsArrive().deliverAll();
        List<Action.SetTimer> after = c.timersSet(3, TimerKind.VIEW);
        assertEquals(100L, after.get(after.size() - 1).delayMillis());
    }

    @Test
    void viewTimerFiringAfterTheDecisionDoesNotStartAViewChange() {
        // given replica 2 has decided height 1 but its node has not applied it yet (B.2 #5)
        Cluster c = Cluster.of(4).start();
        c.transactionsArrive();
        PbftReplica r = c.replicas.get(2);
        List<Action> decided = new ArrayList<>();
        c.drop = e -> e.to() == 2;
        c.deliverAll();
        c.drop = e -> false;
        long token = c.timersSet(2, TimerKind.VIEW).get(0).token();
        for (int i = 0; i < 4; i++) {
            for (MessageKind k : List.of(MessageKind.PRE_PREPARE, MessageKind.PREPARE, MessageKind.COMMIT)) {
                for (SignedMessage m : c.sent(i, k)) {
                    if (i != 2) {
                        decided.addAll(r.step(new Event.PeerMessage(m.encode())));
                    }
                }
            }
        }
        Action.ValidateProposal v = (Action.ValidateProposal) decided.stream()
            .filter(a -> a instanceof Action.ValidateProposal).findFirst().orElseThrow();
        decided.addAll(r.step(new Event.BlockValidated(1, v.block().hash(), true)));
        assertTrue(decided.stream().anyMatch(a -> a instanceof Action.CommitBlock));
        assertTrue(r.awaitingApply());
        // when the old view timer fires before ChainAdvanced
        List<Action> out = r.step(new Event.TimerFired(TimerKind.VIEW, token, c.now + 5_000));
        // then no view change is sent
        assertTrue(out.stream().noneMatch(a -> a instanceof Action.Send));
        assertFalse(r.viewChanging());
    }
}
