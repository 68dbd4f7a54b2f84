package io.tally.p2p;

import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.Varint;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A multiaddr restricted to what this node speaks: ip4, ip6, dns, dns4, dns6, tcp and p2p
 * ({@code /ipfs/} accepted as an alias). String and binary forms round-trip; anything else is a
 * {@link DecodeException}. Parsing never performs a DNS lookup.
 */
public final class Multiaddr {
    private static final int MAX_BINARY_BYTES = 1024;
    private static final int MAX_DNS_NAME = 255;

    /** Supported multiaddr protocols with their codes and value sizes (-1: length-prefixed). */
    public enum Protocol {
        IP4(4, "ip4", 4),
        TCP(6, "tcp", 2),
        IP6(41, "ip6", 16),
        DNS(53, "dns", -1),
        DNS4(54, "dns4", -1),
        DNS6(55, "dns6", -1),
        P2P(421, "p2p", -1);

        final int code;
        final String name;
        final int size;

        Protocol(int code, String name, int size) {
            this.code = code;
            this.name = name;
            this.size = size;
        }

        static Protocol byName(String name) {
            if (name.equals("ipfs")) {
                return P2P;
            }
            for (Protocol p : values()) {
                if (p.name.equals(name)) {
                    return p;
                }
            }
            throw new DecodeException("unsupported multiaddr protocol '" + name + "'");
        }

        static Protocol byCode(long code) {
            for (Protocol p : values()) {
                if (p.code == code) {
                    return p;
                }
            }
            throw new DecodeException("unsupported multiaddr protocol code " + code);
        }
    }

    /** One {@code /proto/value} pair; {@code value} is the canonical text form. */
    public record Component(Protocol protocol, String value) {}

    private final List<Component> components;

    private Multiaddr(List<Component> components) {
        this.components = List.copyOf(components);
    }

    public static Multiaddr parse(String text) {
        if (text == null || !text.startsWith("/") || text.length() > 2048) {
            throw new DecodeException("multiaddr must start with '/'");
        }
        String[] parts = text.substring(1).split("/", -1);
        List<Component> out = new ArrayList<>();
        int i = 0;
        while (i < parts.length) {
            if (i == parts.length - 1 && parts[i].isEmpty() && i > 0) {
                break; // tolerate one trailing slash
            }
            Protocol p = Protocol.byName(parts[i]);
            if (i + 1 >= parts.length) {
                throw new DecodeException("multiaddr protocol " + p.name + " lacks a value");
            }
            byte[] value = valueFromText(p, parts[i + 1]);
            out.add(new Component(p, valueToText(p, value)));
            i += 2;
        }
        if (out.isEmpty()) {
            throw new DecodeException("empty multiaddr");
        }
        return new Multiaddr(out);
    }

    public static Multiaddr fromBytes(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > MAX_BINARY_BYTES) {
            throw new DecodeException("multiaddr binary length " + bytes.length + " out of range");
        }
        List<Component> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            Protocol p = Protocol.byCode(Varint.read(bytes, pos, bytes.length));
            int len = p.size;
            if (len < 0) {
                long l = Varint.read(bytes, pos, bytes.length);
                if (l > bytes.length - pos[0]) {
                    throw new DecodeException("multiaddr value overruns input");
                }
                len = (int) l;
            }
            if (len > bytes.length - pos[0]) {
                throw new DecodeException("truncated multiaddr value for " + p.name);
            }
            byte[] value = Arrays.copyOfRange(bytes, pos[0], pos[0] + len);
            pos[0] += len;
            out.add(new Component(p, valueToText(p, value)));
        }
        return new Multiaddr(out);
    }

    public static Multiaddr tcp(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        Protocol p = ip.getAddress().length == 4 ? Protocol.IP4 : Protocol.IP6;
        return new Multiaddr(List.of(
                new Component(p, valueToText(p, ip.getAddress())),
                new Component(Protocol.TCP, Integer.toString(address.getPort()))));
    }

    public List<Component> components() {
        return components;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Component c : components) {
            out.writeBytes(Varint.encode(c.protocol().code));
            byte[] v = valueFromText(c.protocol(), c.value());
            if (c.protocol().size < 0) {
                out.writeBytes(Varint.encode(v.length));
            }
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    public Optional<PeerId> peerId() {
        for (Component c : components) {
            if (c.protocol() == Protocol.P2P) {
                return Optional.of(PeerId.parse(c.value()));
            }
        }
        return Optional.empty();
    }

    public Multiaddr withoutPeerId() {
        return new Multiaddr(components.stream().filter(c -> c.protocol() != Protocol.P2P).toList());
    }

    public Multiaddr withPeerId(PeerId id) {
        List<Component> out = new ArrayList<>(withoutPeerId().components);
        out.add(new Component(Protocol.P2P, id.toString()));
        return new Multiaddr(out);
    }

    /**
     * The TCP endpoint to dial: host from ip4/ip6/dns*, port from tcp. DNS names stay unresolved
     * here; the transport resolves them when dialling.
     */
    public InetSocketAddress toSocketAddress() {
        String host = null;
        boolean literal = false;
        Integer port = null;
        for (Component c : components) {
            switch (c.protocol()) {
                case IP4, IP6 -> {
                    host = c.value();
                    literal = true;
                }
                case DNS, DNS4, DNS6 -> host = c.value();
                case TCP -> port = Integer.parseInt(c.value());
                default -> { }
            }
        }
        if (host == null || port == null) {
            throw new DecodeException("multiaddr " + this + " is not a TCP address");
        }
        if (literal) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(valueFromText(
                        host.contains(":") ? Protocol.IP6 : Protocol.IP4, host)), port);
            } catch (UnknownHostException e) {
                throw new DecodeException("bad IP literal", e);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static byte[] valueFromText(Protocol p, String text) {
        return switch (p) {
            case IP4 -> parseIp4(text);
            case IP6 -> parseIp6(text);
            case TCP -> {
                int port = parsePort(text);
                yield new byte[] {(byte) (port >> 8), (byte) port};
            }
            case DNS, DNS4, DNS6 -> {
                if (text.isEmpty() || text.length() > MAX_DNS_NAME || text.contains("/")) {
                    throw new DecodeException("bad DNS name");
                }
                yield text.getBytes(StandardCharsets.UTF_8);
            }
            case P2P -> PeerId.parse(text).toBytes();
        };
    }

    private static String valueToText(Protocol p, byte[] v) {
        return switch (p) {
            case IP4 -> (v[0] & 0xFF) + "." + (v[1] & 0xFF) + "." + (v[2] & 0xFF) + "." + (v[3] & 0xFF);
            case IP6 -> formatIp6(v);
            case TCP -> Integer.toString(((v[0] & 0xFF) << 8) | (v[1] & 0xFF));
            case DNS, DNS4, DNS6 -> {
                if (v.length == 0 || v.length > MAX_DNS_NAME) {
                    throw new DecodeException("bad DNS name length");
                }
                String s = new String(v, StandardCharsets.UTF_8);
                if (s.contains("/") || !Arrays.equals(s.getBytes(StandardCharsets.UTF_8), v)) {
                    throw new DecodeException("bad DNS name");
                }
                yield s;
            }
            case P2P -> PeerId.fromBytes(v).toString();
        };
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new DecodeException("bad TCP port '" + text + "'");
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new DecodeException("TCP port out of range: " + port);
        }
        return port;
    }

    private static byte[] parseIp4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new DecodeException("bad IPv4 address '" + text + "'");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String s = parts[i];
            if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)
                    || (s.length() > 1 && s.charAt(0) == '0')) {
                throw new DecodeException("bad IPv4 address '" + text + "'");
            }
            int n = Integer.parseInt(s);
            if (n > 255) {
                throw new DecodeException("bad IPv4 address '" + text + "'");
            }
            out[i] = (byte) n;
        }
        return out;
    }

    private static byte[] parseIp6(String text) {
        if (text.isEmpty() || text.length() > 45 || !text.contains(":")
                || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw new DecodeException("bad IPv6 address '" + text + "'");
        }
        try {
            // A literal with ':' is parsed, never looked up; IPv4-mapped forms come back as 4 bytes.
            byte[] b = InetAddress.getByName(text).getAddress();
            if (b.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            throw new DecodeException("bad IPv6 address '" + text + "'", e);
        }
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
    private static String formatIp6(byte[] v) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((v[2 * i] & 0xFF) << 8) | (v[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Component c : components) {
            sb.append('/').append(c.protocol().name).append('/').append(c.value());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multiaddr m && components.equals(m.components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }
}
