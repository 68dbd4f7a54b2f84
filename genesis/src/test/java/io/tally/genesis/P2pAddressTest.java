package io.tally.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class P2pAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"/ip4/127.0.0.1/tcp/26656", "/ip6/::1/tcp/1", "/dns4/val-1.example.org/tcp/65535",
        "/dns/localhost/tcp/26656/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA", "/dns6/a/tcp/80"})
    void acceptsDialableTcpMultiaddrs(String text) {
        assertEquals(text, P2pAddress.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:26656|not a TCP multiaddr",
        "/ip4/127.0.0.1/tcp/0|bad TCP port \"0\"",
        "/ip4/127.0.0.1/tcp/65536|bad TCP port",
        "/ip4/127.0.0.1/tcp/026656|bad TCP port",
        "/ip4/1.2.3/tcp/1|bad IPv4 address",
        "/ip4/01.2.3.4/tcp/1|bad IPv4 address",
        "/ip6/::g/tcp/1|bad IPv6 address",
        "/ip6/::ffff:1.2.3.4/tcp/1|IPv4-mapped",
        "/dns4/-bad.example/tcp/1|bad DNS name",
        "/udp/1/ip4/1.2.3.4|unsupported multiaddr protocol",
        "/ip4/1.2.3.4/udp/1|multiaddr must use tcp",
        "/ip4/1.2.3.4/tcp/1/p2p/0OIl|bad peer id",
        "/ip4/1.2.3.4/tcp/1/ws/x|only /p2p/<peer id> may follow the port",
        "/ip4/1.2.3.4/tcp/1/|not a TCP multiaddr"})
    void rejectsWithTheReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> P2pAddress.parse(text));
        if (!e.getMessage().contains(reason)) {
            throw new AssertionError("expected '" + reason + "' in: " + e.getMessage());
        }
    }

    @Test
    void exposesEndpointAndOptionalPeerId() {
        P2pAddress a = P2pAddress.parse("/dns4/Node.Example/tcp/7/p2p/abc");
        assertEquals("node.example:7", a.endpoint());
        assertEquals(Optional.of("abc"), a.peerId());
        assertEquals(0, P2pAddress.parse("/ip4/0.0.0.0/tcp/0", true).port());
    }
}
