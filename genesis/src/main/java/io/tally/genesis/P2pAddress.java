package io.tally.genesis;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * A validator's TCP endpoint as a multiaddr: {@code /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>},
 * optionally followed by {@code /p2p/<peer id>}. This is a deliberately narrow subset of what the
 * p2p module accepts, checked without the p2p module (which this module must not depend on) and
 * without any DNS lookup. The peer id is only checked for its base58 alphabet: it is derived from
 * the validator's key, and the node, which can derive it, must check that they agree.
 */
public final class P2pAddress {
    public static final int MAX_LENGTH = 256;
    private static final String SHAPE = "expected /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>[/p2p/<peer id>]";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private final String text;
    private final String host;
    private final int port;
    private final String peerId;

    private P2pAddress(String text, String host, int port, String peerId) {
        this.text = text;
        this.host = host;
        this.port = port;
        this.peerId = peerId;
    }

    /** Parses a dialable address: the port must be 1..65535. */
    public static P2pAddress parse(String text) {
        return parse(text, false);
    }

    /**
     * Parses a multiaddr; {@code allowAnyPort} also admits port 0 (a listen address asking the OS
     * for a free port).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static P2pAddress parse(String text, boolean allowAnyPort) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty multiaddr; " + SHAPE);
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("multiaddr longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = text.split("/", -1);
        if (!parts[0].isEmpty() || (parts.length != 5 && parts.length != 7)) {
            throw new IllegalArgumentException("not a TCP multiaddr " + JsonPath.quote(text) + "; " + SHAPE);
        }
        String host = parts[2];
        switch (parts[1]) {
            case "ip4" -> checkIp4(host);
            case "ip6" -> checkIp6(host);
            case "dns", "dns4", "dns6" -> checkDnsName(host);
            default -> throw new IllegalArgumentException(
                    "unsupported multiaddr protocol " + JsonPath.quote(parts[1]) + "; " + SHAPE);
        }
        if (!parts[3].equals("tcp")) {
            throw new IllegalArgumentException("multiaddr must use tcp, got " + JsonPath.quote(parts[3]) + "; " + SHAPE);
        }
        int port = parsePort(parts[4], allowAnyPort);
        String peerId = null;
        if (parts.length == 7) {
            if (!parts[5].equals("p2p")) {
                throw new IllegalArgumentException("only /p2p/<peer id> may follow the port; " + SHAPE);
            }
            peerId = checkPeerId(parts[6]);
        }
        return new P2pAddress(text, host, port, peerId);
    }

    /** Ports as written in multiaddrs and configs: decimal, no sign, no leading zeros. */
    static int parsePort(String s, boolean allowZero) {
        if (!s.matches("0|[1-9][0-9]{0,4}") || Integer.parseInt(s) > 65535 || (!allowZero && s.equals("0"))) {
            throw new IllegalArgumentException("bad TCP port " + JsonPath.quote(s) + "; must be "
                    + (allowZero ? "0" : "1") + "..65535");
        }
        return Integer.parseInt(s);
    }

    /** Checks that {@code host} is an IPv4 literal, an IPv6 literal or a DNS name; never resolves it. */
    static void checkHost(String host) {
        if (host.contains(":")) {
            checkIp6(host);
        } else if (host.matches("[0-9.]+")) {
            checkIp4(host);
        } else {
            checkDnsName(host);
        }
    }

    private static void checkIp4(String s) {
        String[] octets = s.split("\\.", -1);
        boolean ok = octets.length == 4;
        for (int i = 0; ok && i < 4; i++) {
            ok = octets[i].matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(octets[i]) <= 255;
        }
        if (!ok) {
            throw new IllegalArgumentException("bad IPv4 address " + JsonPath.quote(s));
        }
    }

    private static void checkIp6(String s) {
        if (!s.matches("[0-9A-Fa-f:.]{2,45}")) {
            throw new IllegalArgumentException("bad IPv6 address " + JsonPath.quote(s));
        }
        try {
            // The brackets make the JDK treat the text as a literal only: a malformed one fails here
            // instead of falling through to a DNS lookup.
            if (!(InetAddress.getByName("[" + s + "]") instanceof Inet6Address)) {
                throw new IllegalArgumentException("bad IPv6 address " + JsonPath.quote(s) + " (IPv4-mapped; use /ip4)");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad IPv6 address " + JsonPath.quote(s));
        }
    }

    private static void checkDnsName(String s) {
        boolean ok = !s.isEmpty() && s.length() <= 253;
        for (String label : s.split("\\.", -1)) {
            ok &= label.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
        }
        if (!ok) {
            throw new IllegalArgumentException("bad DNS name " + JsonPath.quote(s));
        }
    }

    private static String checkPeerId(String s) {
        boolean ok = !s.isEmpty() && s.length() <= 128;
        for (int i = 0; ok && i < s.length(); i++) {
            ok = BASE58.indexOf(s.charAt(i)) >= 0;
        }
        if (!ok) {
            throw new IllegalArgumentException("bad peer id " + JsonPath.quote(s) + "; must be base58btc");
        }
        return s;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The {@code /p2p/} component if present; the node must check it matches the key. */
    public Optional<String> peerId() {
        return Optional.ofNullable(peerId);
    }

    /** Host (lower-cased) and port: two addresses with the same endpoint reach the same socket. */
    public String endpoint() {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof P2pAddress a && text.equals(a.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The multiaddr exactly as given; this text is what the genesis hash covers. */
    @Override
    public String toString() {
        return text;
    }
}
