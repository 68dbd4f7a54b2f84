package io.tally.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigJsonTest {
    @TempDir
    Path dir;

    private Network network() {
        NetworkSpec spec = new NetworkSpec("tally-test", 3, "127.0.0.1", 26656, 8545,
                Instant.parse("2025-01-01T00:00:00Z"), List.of(), ConsensusParams.DEFAULTS);
        return new Network(spec, Fixtures.genesis(3, 0), List.of(Fixtures.key(0), Fixtures.key(1), Fixtures.key(2)));
    }

    private Path write(String json) throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve("node1"));
        Path f = nodeDir.resolve("node.json");
        Files.writeString(f, json);
        return f;
    }

    private ObjectNode validTree() throws Exception {
        NodeConfig c = network().nodeConfig(1, dir);
        return (ObjectNode) Fixtures.JSON.readTree(NodeConfigJson.write(c, dir.resolve("node1")));
    }

    private List<String> problemsAfter(Consumer<ObjectNode> mutation) throws Exception {
        ObjectNode t = validTree();
        mutation.accept(t);
        Path f = write(t.toString());
        return assertThrows(InvalidFileException.class, () -> NodeConfigJson.read(f)).problems().stream()
                .map(Problem::toString).toList();
    }

    @Test
    void generatedConfigReadsBackWithPathsResolvedAgainstItsDirectory() throws Exception {
        NodeConfig c = network().nodeConfig(1, dir);
        Path f = write(NodeConfigJson.write(c, dir.resolve("node1")));
        String text = Files.readString(f);
        assertTrue(text.contains("\"genesisFile\" : \"../genesis.json\""), text);
        NodeConfig back = NodeConfigJson.read(f);
        assertEquals(c, back);
        assertEquals(dir.resolve("genesis.json"), back.genesisFile());
        assertEquals(dir.resolve("node1/data"), back.dataDir());
        assertEquals(2, back.peers().size());
        assertEquals(8546, back.rpcPort());
        assertEquals("/ip4/127.0.0.1/tcp/26657", back.p2pListen().toString());
    }

    @Test
    void optionalFieldsTakeDefaultsAndOverridesApplyToGenesisTiming() throws Exception {
        ObjectNode t = validTree();
        t.remove(List.of("metricsEnabled", "logLevel", "consensus"));
        ((ObjectNode) t.get("p2p")).remove("peers");
        t.put("dataDir", "/var/lib/tally");
        NodeConfig c = NodeConfigJson.read(write(t.toString()));
        assertTrue(c.metricsEnabled());
        assertEquals(NodeConfig.LogLevel.INFO, c.logLevel());
        assertEquals(List.of(), c.peers());
        assertEquals(Path.of("/var/lib/tally"), c.dataDir());
        t.putObject("consensus").put("viewTimeoutMillisBase", 500);
        c = NodeConfigJson.read(write(t.toString()));
        assertEquals(OptionalLong.of(500), c.consensus().viewTimeoutMillisBase());
        ConsensusParams eff = c.consensus().applyTo(ConsensusParams.DEFAULTS);
        assertEquals(500, eff.viewTimeoutMillisBase());
        assertEquals(ConsensusParams.DEFAULTS.maxBlockBytes(), eff.maxBlockBytes());
    }

    @Test
    void everyBadValueIsReportedWithItsPath() throws Exception {
        List<String> ps = problemsAfter(t -> {
            t.put("colour", "blue");
            t.put("logLevel", "verbose");
            ((ObjectNode) t.get("rpc")).put("port", 70000);
            ((ObjectNode) t.get("rpc")).put("host", "bad host");
            ((ObjectNode) t.get("p2p")).put("listen", "/ip4/127.0.0.1/tcp/1/p2p/abc");
            ObjectNode peer = (ObjectNode) ((ArrayNode) t.get("p2p").get("peers")).get(1);
            peer.put("publicKey", t.get("p2p").get("peers").get(0).get("publicKey").asText());
            t.putObject("consensus").put("maxBlockBytes", 1);
            t.put("metricsEnabled", "yes");
            t.put("dataDir", "");
        });
        assertEquals(List.of(
                "colour: unknown field (allowed: consensus, dataDir, format, genesisFile, keyFile, logLevel,"
                        + " metricsEnabled, name, p2p, rpc)",
                "dataDir: must be a non-empty path",
                "p2p.listen: a listen address must not contain /p2p/",
                "p2p.peers[1].publicKey: duplicate peer key (first used at p2p.peers[0].publicKey)",
                "rpc.host: bad DNS name \"bad host\"",
                "rpc.port: must be between 0 and 65535, got 70000",
                "metricsEnabled: must be true or false, got a string",
                "logLevel: must be one of error, warn, info, debug, trace; got \"verbose\"",
                "consensus.maxBlockBytes: unknown field (allowed: heartbeatMillis, minBlockIntervalMillis,"
                        + " viewTimeoutMaxMultiplier, viewTimeoutMillisBase)"), ps);
    }

    @Test
    void minBlockIntervalIsLocalDefaultsTo50AndRoundTrips() throws Exception {
        ObjectNode t = validTree();
        t.remove("consensus");
        NodeConfig c = NodeConfigJson.read(write(t.toString()));
        assertEquals(NodeConfig.ConsensusOverrides.DEFAULT_MIN_BLOCK_INTERVAL_MILLIS, c.consensus().minBlockIntervalOrDefault());
        t.putObject("consensus").put("minBlockIntervalMillis", 0);
        c = NodeConfigJson.read(write(t.toString()));
        assertEquals(0, c.consensus().minBlockIntervalOrDefault());
        assertEquals(c, NodeConfigJson.read(write(NodeConfigJson.write(c, dir.resolve("node1")))));
        assertEquals(List.of("consensus.minBlockIntervalMillis: must be between 0 and 60000, got 60001"),
                problemsAfter(x -> x.putObject("consensus").put("minBlockIntervalMillis", 60_001)));
    }

    @Test
    void missingSectionsAndWrongFormatAreReported() throws Exception {
        assertEquals(List.of("format: unsupported format 3; this version reads format 1", "rpc: missing required field"),
                problemsAfter(t -> {
                    t.put("format", 3);
                    t.remove("rpc");
                }));
    }
}
