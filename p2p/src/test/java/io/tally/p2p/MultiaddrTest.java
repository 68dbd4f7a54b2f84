package io.tally.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.p2p.wire.DecodeException;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Vectors from multiformats/multiaddr and from js-libp2p 3.3.11. */
class MultiaddrTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "/ip4/127.0.0.1/tcp/4001, 047f000001060fa1",
        "/ip6/::1/tcp/4001, 2900000000000000000000000000000001060fa1",
        "/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA, "
            + "047f000001060fa1a503260024080112202ffa35a99d3a3cfbb17bb7c1dc5561b18a8dcca4df38dc613ea859c37eb1336b",
        "/dns4/example.com/tcp/443, 360b6578616d706c652e636f6d0601bb",
        "/ip4/192.0.2.42/tcp/443, 04c000022a0601bb",
    })
    void stringAndBinaryFormsRoundTrip(String text, String hex) {
        Multiaddr m = Multiaddr.parse(text);
        assertEquals(hex, HEX.formatHex(m.toBytes()));
        assertEquals(text, m.toString());
        assertEquals(m, Multiaddr.fromBytes(HEX.parseHex(hex)));
    }

    @ParameterizedTest
    @CsvSource({
        "/ipfs/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N, /p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N",
        "/ip6/2001:0db8:0:0:0:0:0:1/tcp/1, /ip6/2001:db8::1/tcp/1",
        "/dns6/localhost/tcp/80/, /dns6/localhost/tcp/80",
    })
    void aliasesAndNonCanonicalFormsNormalise(String in, String out) {
        assertEquals(out, Multiaddr.parse(in).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ip4/1.2.3.4", "/ip4/1.2.3", "/ip4/256.0.0.1/tcp/1", "/ip4/01.2.3.4", "/tcp/65536",
        "/tcp/-1", "/udp/53", "/ip6/zz::1", "/p2p/notapeer", "/ip4", "/dns4//tcp/1"})
    void malformedTextIsATypedError(String text) {
        assertThrows(DecodeException.class, () -> Multiaddr.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"04", "047f0000", "0601", "a503ff", "9999", "3600", "d203"})
    void malformedBinaryIsATypedError(String hex) {
        assertThrows(DecodeException.class, () -> Multiaddr.fromBytes(HEX.parseHex(hex)));
    }

    @org.junit.jupiter.api.Test
    void peerIdComponentIsExtractedAndReplaced() {
        Multiaddr m = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
        assertEquals("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA", m.peerId().orElseThrow().toString());
        assertEquals("/ip4/127.0.0.1/tcp/4001", m.withoutPeerId().toString());
        assertEquals(4001, m.toSocketAddress().getPort());
    }
}
