package io.tally.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fault-testing B.2 #6, #7 and #13 as hand-driven scenarios. */
class PartitionScenarioTest {

    /** Retransmit and view timers run and messages are delivered, for at most {@code rounds} rounds. */
    private static void runUntilAllCommit(Cluster c, long height, int rounds) {
        for (int r = 0; r < rounds; r++) {
            boolean done = true;
            for (int i = 0; i < c.n; i++) {
                done &= c.crashed.contains(i) || c.height(i) >= height;
            }
            if (done) {
                return;
            }
            for (int i = 0; i < c.n; i++) {
                c.fire(i, TimerKind.RETRANSMIT);
            }
            c.deliverAll();
            c.fireViewTimers();
            c.deliverAll();
        }
    }

    @Test
    void twoTwoSplitCommitsNothingAndCommitsAfterHealing() {
        // given a 2-2 split of four validators with transactions pending
        Cluster c = Cluster.of(4).start();
        c.drop = e -> (e.from() < 2) != (e.to() < 2);
        c.transactionsArrive().deliverAll();
        // when timers run for a while
        runUntilAllCommit(c, 1, 6);
        // then nobody commits
        for (int i = 0; i < 4; i++) {
            assertEquals(0, c.height(i));
        }
        // and after healing everyone commits the same block
        c.drop = e -> false;
        runUntilAllCommit(c, 1, 10);
        for (int i = 0; i < 4; i++) {
            assertEquals(1, c.height(i), "replica " + i);
            assertEquals(c.committed(0, 1).hash(), c.committed(i, 1).hash());
        }
    }

    @Test
    void moreThanFDownThenBackResumes() {
        // given two of four validators crashed (more than f = 1)
        Cluster c = Cluster.of(4).start();
        c.crash(2);
        c.crash(3);
        c.transactionsArrive().deliverAll();
        runUntilAllCommit(c, 1, 4);
        assertEquals(0, c.height(0));
        assertEquals(0, c.height(1));
        // when they restart from their vote stores
        c.restart(2);
        c.restart(3);
        c.step(2, new Event.TransactionsPending(c.now));
        c.step(3, new Event.TransactionsPending(c.now));
        runUntilAllCommit(c, 1, 10);
        // then the cluster commits again
        for (int i = 0; i < 4; i++) {
            assertEquals(1, c.height(i), "replica " + i);
        }
    }

    @Test
    void isolatedPrimaryIsReplacedAndCatchesUpAfterHealing() {
        Cluster c = Cluster.of(4).start();
        c.drop = e -> e.from() == 0 || e.to() == 0;
        c.transactionsArrive().deliverAll();
        runUntilAllCommit(c, 1, 6);
        for (int i = 1; i < 4; i++) {
            assertEquals(1, c.height(i));
        }
        c.drop = e -> false;
        c.transactionsArrive();
        runUntilAllCommit(c, 2, 10);
        assertTrue(c.height(1) >= 2);
        // replica 0 either committed height 1 from relayed commit votes or asked to sync
        assertTrue(c.height(0) >= 1 || !c.syncRequests.isEmpty());
    }

    @Test
    void viewChangeWhoseCertificateHasOneBadSignatureIsRejected() {
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.message().body().kind() == MessageKind.COMMIT;
        c.deliverAll();
        c.drop = e -> false;
        c.fire(2, TimerKind.VIEW);
        ViewChange good = (ViewChange) c.sent(2, MessageKind.VIEW_CHANGE).get(0).body();
        PreparedCertificate cert = good.prepared().orElseThrow();
        List<PreparedCertificate.Vote> votes = new ArrayList<>(cert.prepares());
        byte[] sig = votes.get(0).signature().bytes();
        sig[5] ^= 1;
        votes.set(0, new PreparedCertificate.Vote(votes.get(0).sender(), Signature.of(sig)));
        PreparedCertificate broken = new PreparedCertificate(cert.height(), cert.view(), cert.block(), votes);
        c.inject(3, c.sign(1, new ViewChange(1, 1, Optional.of(broken))));
        assertEquals(1, c.replicas.get(3).dropped(DropReason.INVALID_JUSTIFICATION));
    }
}
