package io.tally.p2p.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.p2p.Multiaddr;
import io.tally.p2p.P2pException;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.PeerIdMismatchException;
import io.tally.p2p.PeerNotAllowedException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PermissioningTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void dialAbortsWhenTheRemoteProvesAnotherIdentity() {
        try (TestNet net = new TestNet()) {
            byte[] a = TestNet.seed();
            byte[] b = TestNet.seed();
            byte[] impostorClaim = TestNet.seed();
            P2pHost hb = net.start(TestNet.config(b).allow(TestNet.idOf(a)).build());
            P2pHost ha = net.start(TestNet.config(a).allow(List.of(TestNet.idOf(b), TestNet.idOf(impostorClaim))).build());
            Multiaddr wrong = hb.listenAddresses().get(0).withPeerId(TestNet.idOf(impostorClaim));
            ExecutionException e = assertThrows(ExecutionException.class, () -> ha.dial(wrong).get(5, TimeUnit.SECONDS));
            assertInstanceOf(PeerIdMismatchException.class, e.getCause());
            assertTrue(ha.peers().isEmpty());
        }
    }

    @Test
    void aPeerNotOnTheAllowlistIsDisconnectedAfterNoiseOnBothSides() throws Exception {
        try (TestNet net = new TestNet()) {
            byte[] member = TestNet.seed();
            byte[] stranger = TestNet.seed();
            List<PeerId> memberEvents = new CopyOnWriteArrayList<>();
            P2pHost hm = net.start(TestNet.config(member).allow(TestNet.idOf(TestNet.seed())).build());
            hm.onPeerConnected(memberEvents::add);
            // The stranger allows the member, but the member does not allow the stranger.
            P2pHost hs = net.start(TestNet.config(stranger).allow(TestNet.idOf(member)).build());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> hs.dial(hm.listenAddresses().get(0)).get(5, TimeUnit.SECONDS));
            assertInstanceOf(P2pException.class, e.getCause());
            assertTrue(hm.peers().isEmpty());
            assertTrue(memberEvents.isEmpty());
            // Dialling a /p2p id that is not allowed is refused before any TCP connection.
            ExecutionException e2 = assertThrows(ExecutionException.class,
                    () -> hm.dial(hs.listenAddresses().get(0)).get(5, TimeUnit.SECONDS));
            assertInstanceOf(PeerNotAllowedException.class, e2.getCause());
        }
    }

    @Test
    void removingAPeerFromTheAllowlistDropsItAndBootstrapReconnectsAfterARestart() throws Exception {
        try (TestNet net = new TestNet()) {
            byte[] a = TestNet.seed();
            byte[] b = TestNet.seed();
            P2pHost hb = net.start(TestNet.config(b).allow(TestNet.idOf(a)).build());
            Multiaddr bAddr = hb.listenAddresses().get(0);
            P2pHost ha = net.start(TestNet.config(a).allow(TestNet.idOf(b)).bootstrap(bAddr).build());
            TestNet.await(() -> ha.peers().size() == 1, WAIT, "bootstrap connects");
            assertEquals(TestNet.idOf(b), ha.peers().get(0).peerId());

            // b restarts on the same port: a redials with backoff.
            hb.close();
            TestNet.await(() -> ha.peers().isEmpty(), WAIT, "a notices b is gone");
            P2pHost hb2 = net.start(io.tally.p2p.P2pConfig.builder(b).listen(bAddr.withoutPeerId()).allow(TestNet.idOf(a)).build());
            TestNet.await(() -> ha.peers().size() == 1, WAIT, "a reconnects to the restarted b");

            hb2.updateAllowlist(Set.of());
            TestNet.await(() -> hb2.peers().isEmpty(), WAIT, "b drops a once a is no longer allowed");
        }
    }
}
