package io.tally.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.consensus.sim.SimChain;
import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.crypto.Signer;
import io.tally.crypto.Hash;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Fault-testing B.2 #13 and #14: bad input is dropped and counted, never thrown, never counted toward a quorum. */
class HostileInputTest {
    private final Hash hash = Sha256.hash(new byte[] {7});

    @Test
    void malformedOversizeAndTruncatedBytesAreDroppedAndCounted() {
        Cluster c = Cluster.of(4).start();
        c.step(1, new Event.PeerMessage(new byte[0]));
        c.step(1, new Event.PeerMessage(new byte[] {1, 9, 0, 0}));
        byte[] good = c.sign(2, new Prepare(1, 0, hash)).encode();
        c.step(1, new Event.PeerMessage(Arrays.copyOf(good, good.length - 1)));
        c.step(1, new Event.PeerMessage(Arrays.copyOf(good, good.length + 1)));
        c.step(1, new Event.PeerMessage(new byte[c.config.maxMessageBytes() + 1]));
        assertEquals(4, c.replicas.get(1).dropped(DropReason.MALFORMED));
        assertEquals(1, c.replicas.get(1).dropped(DropReason.OVERSIZE));
    }

    @Test
    void nonValidatorAndImpersonationAndWrongChainAreRejected() {
        Cluster c = Cluster.of(4).start();
        // sender index outside the set
        c.inject(1, SignedMessage.sign(SimChain.CHAIN_ID, 9, new Prepare(1, 0, hash), Signer.of(SimChain.key(9))));
        // a key outside the set claiming to be validator 2
        KeyPair outsider = KeyPair.fromSeed(Sha256.hash(new byte[] {42}).bytes());
        c.inject(1, SignedMessage.sign(SimChain.CHAIN_ID, 2, new Prepare(1, 0, hash), Signer.of(outsider)));
        // validator 3's message signed for another chain
        c.inject(1, SignedMessage.sign("other-chain", 3, new Prepare(1, 0, hash), Signer.of(SimChain.key(3))));
        PbftReplica r = c.replicas.get(1);
        assertEquals(1, r.dropped(DropReason.NON_VALIDATOR));
        assertEquals(2, r.dropped(DropReason.BAD_SIGNATURE));
    }

    @Test
    void staleDuplicateAndFarFutureMessagesAreDroppedAndBounded() {
        Cluster c = Cluster.of(4).start().transactionsArrive().deliverAll();
        PbftReplica r = c.replicas.get(1);
        SignedMessage old = c.sent(2, MessageKind.PREPARE).get(0);
        long staleBefore = r.dropped(DropReason.STALE);
        c.inject(1, old);
        assertEquals(staleBefore + 1, r.dropped(DropReason.STALE));
        SignedMessage next = c.sign(2, new Prepare(2, 3, hash));
        c.inject(1, next);
        c.inject(1, c.sign(2, new Prepare(2, 200, hash)));
        assertTrue(r.dropped(DropReason.FAR_FUTURE) >= 1);
        c.inject(1, c.sign(2, new Prepare(1_000_000, 0, hash)));
        c.inject(1, c.sign(2, new Prepare(Long.MAX_VALUE, Long.MAX_VALUE, hash)));
        assertEquals(3, r.dropped(DropReason.FAR_FUTURE));
        // flooding the future buffer fills only the flooder's share
        for (int v = 0; v < 200; v++) {
            c.inject(1, c.sign(2, new Prepare(3, v % 30, Sha256.hash(new byte[] {(byte) v}))));
        }
        assertTrue(r.dropped(DropReason.BUFFER_FULL) > 0);
        c.transactionsArrive().deliverAll();
        assertEquals(2, c.height(1), "consensus continues");
    }

    @Test
    void duplicateVotesCountOnce() {
        Cluster c = Cluster.of(4).start();
        SignedMessage m = c.sign(2, new Commit(1, 0, hash));
        c.inject(1, m);
        c.inject(1, m);
        c.inject(1, m);
        assertEquals(2, c.replicas.get(1).dropped(DropReason.DUPLICATE));
    }

    @Test
    void ownIdentityFromTheNetworkIsIgnored() {
        Cluster c = Cluster.of(4).start();
        c.inject(1, c.sign(1, new Commit(1, 0, hash)));
        assertEquals(1, c.replicas.get(1).dropped(DropReason.OWN_SENDER));
    }
}
