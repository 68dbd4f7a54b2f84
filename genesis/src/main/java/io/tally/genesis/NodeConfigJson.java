package io.tally.genesis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tally.crypto.PublicKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads and writes {@code node.json} (see docs/genesis.md). Strict like {@link GenesisJson}: every
 * problem is collected with its JSON path. Relative paths in the file are resolved against the
 * directory holding the file, so a node directory can be moved as a whole.
 */
public final class NodeConfigJson {
    public static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final Set<String> ROOT = Set.of("format", "name", "dataDir", "keyFile", "genesisFile", "p2p",
            "rpc", "metricsEnabled", "logLevel", "consensus");
    private static final Set<String> P2P = Set.of("listen", "peers");
    private static final Set<String> PEER = Set.of("publicKey", "address");
    private static final Set<String> RPC = Set.of("host", "port");
    private static final Set<String> OVERRIDES = Set.of("viewTimeoutMillisBase", "viewTimeoutMaxMultiplier",
            "heartbeatMillis", "minBlockIntervalMillis");

    private NodeConfigJson() {}

    public static NodeConfig read(Path file) throws InvalidFileException {
        List<Problem> problems = new ArrayList<>();
        JsonNode root = StrictJson.readFile(file, MAX_FILE_BYTES, problems);
        Path dir = file.toAbsolutePath().normalize().getParent();
        NodeConfig c = root == null ? null : fromTree(root, dir, problems);
        if (!problems.isEmpty() || c == null) {
            throw new InvalidFileException(file, problems.isEmpty() ? List.of(new Problem("", "invalid")) : problems);
        }
        return c;
    }

    private static NodeConfig fromTree(JsonNode root, Path dir, List<Problem> problems) {
        Fields f = Fields.of(root, "", problems, ROOT);
        if (f == null) {
            return null;
        }
        Long format = f.integer("format", 0, Integer.MAX_VALUE);
        if (format != null && format != NodeConfig.FORMAT) {
            problems.add(new Problem("format", "unsupported format " + format + "; this version reads format "
                    + NodeConfig.FORMAT));
        }
        String name = GenesisJson.checked(f.string("name"), "name", problems, n -> Names.check(n, "name"));
        Path dataDir = path(f, "dataDir", dir, problems);
        Path keyFile = path(f, "keyFile", dir, problems);
        Path genesisFile = path(f, "genesisFile", dir, problems);

        P2pAddress listen = null;
        List<NodeConfig.Peer> peers = null;
        Fields p2p = Fields.of(f.required("p2p"), "p2p", problems, P2P);
        if (p2p != null) {
            listen = GenesisJson.checked(p2p.string("listen"), "p2p.listen", problems, s -> {
                P2pAddress a = P2pAddress.parse(s, true);
                if (a.peerId().isPresent()) {
                    throw new IllegalArgumentException("a listen address must not contain /p2p/");
                }
                return a;
            });
            peers = p2p.has("peers") ? peers(p2p, problems) : List.of();
        }

        String rpcHost = null;
        Long rpcPort = null;
        Fields rpc = Fields.of(f.required("rpc"), "rpc", problems, RPC);
        if (rpc != null) {
            rpcHost = GenesisJson.checked(rpc.string("host"), "rpc.host", problems, h -> {
                P2pAddress.checkHost(h);
                return h;
            });
            rpcPort = rpc.integer("port", 0, 65535);
        }
        Boolean metrics = f.has("metricsEnabled") ? f.bool("metricsEnabled") : Boolean.TRUE;
        NodeConfig.LogLevel level = f.has("logLevel")
                ? GenesisJson.checked(f.string("logLevel"), "logLevel", problems, NodeConfigJson::logLevel)
                : NodeConfig.LogLevel.INFO;
        NodeConfig.ConsensusOverrides overrides = f.has("consensus")
                ? overrides(f.required("consensus"), problems) : NodeConfig.ConsensusOverrides.NONE;
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return new NodeConfig(name, dataDir, keyFile, genesisFile, listen, peers, rpcHost, rpcPort.intValue(),
                    metrics, level, overrides);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("", e.getMessage()));
            return null;
        }
    }

    private static Path path(Fields f, String field, Path dir, List<Problem> problems) {
        return GenesisJson.checked(f.string(field), field, problems, s -> {
            if (s.isBlank() || s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("must be a non-empty path");
            }
            try {
                return dir.resolve(s).normalize();
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a valid path: " + e.getReason());
            }
        });
    }

    private static List<NodeConfig.Peer> peers(Fields p2p, List<Problem> problems) {
        ArrayNode arr = p2p.array("peers", NodeConfig.MAX_PEERS);
        if (arr == null) {
            return null;
        }
        List<NodeConfig.Peer> out = new ArrayList<>();
        Map<PublicKey, String> keys = new HashMap<>();
        Map<String, String> endpoints = new HashMap<>();
        for (int i = 0; i < arr.size(); i++) {
            String path = JsonPath.index("p2p.peers", i);
            Fields p = Fields.of(arr.get(i), path, problems, PEER);
            if (p == null) {
                continue;
            }
            PublicKey key = GenesisJson.checked(p.string("publicKey"), p.path("publicKey"), problems,
                    Keys::parsePublicKey);
            P2pAddress addr = GenesisJson.checked(p.string("address"), p.path("address"), problems, P2pAddress::parse);
            GenesisJson.unique(keys, key, p.path("publicKey"), "peer key", problems);
            GenesisJson.unique(endpoints, addr == null ? null : addr.endpoint(), p.path("address"),
                    "peer endpoint " + (addr == null ? "" : addr.endpoint()), problems);
            if (key != null && addr != null) {
                out.add(new NodeConfig.Peer(key, addr));
            }
        }
        return out.size() == arr.size() ? out : null;
    }

    private static NodeConfig.LogLevel logLevel(String s) {
        for (NodeConfig.LogLevel l : NodeConfig.LogLevel.values()) {
            if (l.text().equals(s)) {
                return l;
            }
        }
        throw new IllegalArgumentException("must be one of error, warn, info, debug, trace; got " + JsonPath.quote(s));
    }

    private static NodeConfig.ConsensusOverrides overrides(JsonNode node, List<Problem> problems) {
        Fields c = Fields.of(node, "consensus", problems, OVERRIDES);
        if (c == null) {
            return null;
        }
        OptionalLong base = OptionalLong.empty();
        OptionalInt mult = OptionalInt.empty();
        OptionalLong beat = OptionalLong.empty();
        if (c.has("viewTimeoutMillisBase")) {
            Long v = c.integer("viewTimeoutMillisBase", ConsensusParams.MIN_VIEW_TIMEOUT_MILLIS,
                    ConsensusParams.MAX_VIEW_TIMEOUT_MILLIS);
            base = v == null ? base : OptionalLong.of(v);
        }
        if (c.has("viewTimeoutMaxMultiplier")) {
            Long v = c.integer("viewTimeoutMaxMultiplier", 1, ConsensusParams.MAX_VIEW_TIMEOUT_MULTIPLIER);
            mult = v == null ? mult : OptionalInt.of(v.intValue());
        }
        if (c.has("heartbeatMillis")) {
            Long v = c.integer("heartbeatMillis", 0, ConsensusParams.MAX_HEARTBEAT_MILLIS);
            beat = v == null ? beat : OptionalLong.of(v);
        }
        OptionalLong interval = OptionalLong.empty();
        if (c.has("minBlockIntervalMillis")) {
            Long v = c.integer("minBlockIntervalMillis", 0, NodeConfig.ConsensusOverrides.MAX_MIN_BLOCK_INTERVAL_MILLIS);
            interval = v == null ? interval : OptionalLong.of(v);
        }
        return new NodeConfig.ConsensusOverrides(base, mult, beat, interval);
    }

    /** The JSON text of {@code c}, with its paths written relative to {@code configDir} where possible. */
    public static String write(NodeConfig c, Path configDir) {
        Path dir = configDir.toAbsolutePath().normalize();
        StringWriter out = new StringWriter();
        try (JsonGenerator j = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            j.writeStartObject();
            j.writeNumberField("format", NodeConfig.FORMAT);
            j.writeStringField("name", c.name());
            j.writeStringField("dataDir", relative(dir, c.dataDir()));
            j.writeStringField("keyFile", relative(dir, c.keyFile()));
            j.writeStringField("genesisFile", relative(dir, c.genesisFile()));
            j.writeObjectFieldStart("p2p");
            j.writeStringField("listen", c.p2pListen().toString());
            j.writeArrayFieldStart("peers");
            for (NodeConfig.Peer p : c.peers()) {
                j.writeStartObject();
                j.writeStringField("publicKey", p.publicKey().toHex());
                j.writeStringField("address", p.address().toString());
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
            j.writeObjectFieldStart("rpc");
            j.writeStringField("host", c.rpcHost());
            j.writeNumberField("port", c.rpcPort());
            j.writeEndObject();
            j.writeBooleanField("metricsEnabled", c.metricsEnabled());
            j.writeStringField("logLevel", c.logLevel().text());
            j.writeObjectFieldStart("consensus");
            NodeConfig.ConsensusOverrides o = c.consensus();
            if (o.viewTimeoutMillisBase().isPresent()) {
                j.writeNumberField("viewTimeoutMillisBase", o.viewTimeoutMillisBase().getAsLong());
            }
            if (o.viewTimeoutMaxMultiplier().isPresent()) {
                j.writeNumberField("viewTimeoutMaxMultiplier", o.viewTimeoutMaxMultiplier().getAsInt());
            }
            if (o.heartbeatMillis().isPresent()) {
                j.writeNumberField("heartbeatMillis", o.heartbeatMillis().getAsLong());
            }
            if (o.minBlockIntervalMillis().isPresent()) {
                j.writeNumberField("minBlockIntervalMillis", o.minBlockIntervalMillis().getAsLong());
            }
            j.writeEndObject();
            j.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out + "\n";
    }

    private static String relative(Path dir, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        String s = abs.getRoot() != null && abs.getRoot().equals(dir.getRoot()) ? dir.relativize(abs).toString()
                : abs.toString();
        return s.isEmpty() ? "." : s;
    }
}
