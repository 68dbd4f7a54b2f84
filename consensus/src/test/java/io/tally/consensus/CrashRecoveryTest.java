package io.tally.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.ledger.block.Block;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Votes are durable before they are sent; a restarted replica never signs a conflicting one. */
class CrashRecoveryTest {

    private static Action.Send firstSend(List<Action> actions, MessageKind kind) {
        return actions.stream().filter(a -> a instanceof Action.Send s && s.message().body().kind() == kind)
            .map(a -> (Action.Send) a).findFirst().orElseThrow();
    }

    @Test
    void everyVoteIsPersistedInTheSameStepBeforeItIsSent() {
        Cluster c = Cluster.of(4).start().transactionsArrive().deliverAll();
        for (int i = 0; i < 4; i++) {
            List<Action> all = c.actions.get(i);
            for (int k = 0; k < all.size(); k++) {
                if (all.get(k) instanceof Action.Send s && s.message().sender() == i) {
                    boolean persisted = all.stream().anyMatch(a -> a instanceof Action.Persist p
                        && p.record().type() == PersistedRecord.Type.OWN_MESSAGE
                        && java.util.Arrays.equals(p.record().payload(), s.bytes()));
                    assertTrue(persisted, "replica " + i + " sent an unpersisted " + s.message().body().kind());
                }
            }
        }
    }

    @Test
    void restartedReplicaResendsItsStoredVoteAndRefusesAConflictingOne() {
        // given replica 2 prepared the primary's block, then crashed
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.message().body().kind() == MessageKind.COMMIT || e.message().body().kind() == MessageKind.PREPARE;
        c.deliverAll();
        SignedMessage prepared = c.sent(2, MessageKind.PREPARE).get(0);
        c.crash(2);
        // when it restarts from its vote store
        c.restart(2);
        // then it re-sends exactly the same signed prepare
        List<Action> restartActions = c.actions.get(2).subList(c.actions.get(2).size() - 10 < 0 ? 0
            : c.actions.get(2).size() - 10, c.actions.get(2).size());
        assertArrayEquals(prepared.encode(), firstSend(restartActions, MessageKind.PREPARE).bytes());
        // and an equivocating primary cannot make it prepare another block in the same view
        Block other = c.chain.build(1, c.chain.genesis().hash(), 40_000, c.validators.get(0), 1, 4);
        c.inject(2, c.sign(0, new PrePrepare(1, 0, other)));
        assertTrue(c.replicas.get(2).refusedVotes() >= 1);
        assertTrue(c.sent(2, MessageKind.PREPARE).stream()
            .allMatch(m -> m.body().voteDigest().equals(prepared.body().voteDigest())));
    }

    @Test
    void viewChangeAfterRestartStillCarriesThePreparedCertificate() {
        // given replica 3 was prepared (and sent its commit) before crashing
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.message().body().kind() == MessageKind.COMMIT;
        c.deliverAll();
        c.drop = e -> false;
        c.crash(3);
        c.restart(3);
        // when its view timer expires
        c.fire(3, TimerKind.VIEW);
        // then its view change reports the prepared block
        ViewChange vc = (ViewChange) c.sent(3, MessageKind.VIEW_CHANGE).get(0).body();
        assertTrue(vc.prepared().isPresent());
        assertEquals(((PrePrepare) c.sent(0, MessageKind.PRE_PREPARE).get(0).body()).block().hash(),
            vc.prepared().get().block().hash());
    }

    @Test
    void afterAViewChangeARestartedReplicaStaysOutOfTheOldView() {
        // given replica 3 asked for view 1, then crashed and restarted
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.to() == 3;
        c.deliverAll();
        c.drop = e -> false;
        c.fire(3, TimerKind.VIEW);
        c.crash(3);
        c.restart(3);
        // then it is still changing to view 1 and will not prepare in view 0
        assertTrue(c.replicas.get(3).viewChanging());
        assertEquals(1, c.replicas.get(3).view());
        c.inject(3, c.sent(0, MessageKind.PRE_PREPARE).get(0));
        assertTrue(c.sent(3, MessageKind.PREPARE).isEmpty());
    }

    @Test
    void unsyncedRecordsAreLostOnCrash() {
        io.tally.consensus.driver.InMemoryVoteStore store = new io.tally.consensus.driver.InMemoryVoteStore();
        Cluster c = Cluster.of(4).start().transactionsArrive().deliverAll();
        Action.Persist p = (Action.Persist) c.actions.get(1).stream().filter(a -> a instanceof Action.Persist)
            .findFirst().orElseThrow();
        store.append(p.record());
        store.crash();
        assertEquals(0, store.load().size());
        store.append(p.record());
        store.sync();
        store.crash();
        assertEquals(List.of(p.record()), store.load());
    }
}
