package io.tally.rpc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpGuardsTest {
    @Test
    void hostAllowlistIgnoresPortAndCaseAndHandlesIpv6() {
        HttpGuards g = new HttpGuards(List.of("localhost", "127.0.0.1", "[::1]"), List.of());
        assertTrue(g.hostAllowed("LOCALHOST:8545"));
        assertTrue(g.hostAllowed("127.0.0.1"));
        assertTrue(g.hostAllowed("[::1]:8545"));
        assertFalse(g.hostAllowed("localhost.evil.example"));
        assertFalse(g.hostAllowed("evil.example:8545"));
        assertFalse(g.hostAllowed(null));
        assertFalse(g.hostAllowed(""));
        assertTrue(new HttpGuards(List.of("*"), List.of()).hostAllowed("anything"));
    }

    @Test
    void originsMatchExactlyOrByWildcard() {
        HttpGuards g = new HttpGuards(List.of("*"), List.of("https://wallet.example"));
        assertTrue(g.originAllowed(null), "no Origin: not a browser cross-origin call");
        assertTrue(g.originAllowed("https://wallet.example"));
        assertFalse(g.originAllowed("https://wallet.example.evil"));
        assertFalse(g.originAllowed("http://wallet.example"));
        assertEquals("https://wallet.example", g.allowOriginHeader("https://wallet.example"));
        HttpGuards any = new HttpGuards(List.of("*"), List.of("*"));
        assertTrue(any.originAllowed("https://x.example"));
        assertEquals("*", any.allowOriginHeader("https://x.example"));
    }
}
