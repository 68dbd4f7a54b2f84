package io.tally.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The genesis hash depends on the values in the file and on nothing else. */
class GenesisHashPropertyTest {

    @Provide
    Arbitrary<Genesis> geneses() {
        Arbitrary<Integer> keyBase = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Integer> validators = Arbitraries.integers().between(1, 7);
        Arbitrary<List<Long>> balances = Arbitraries.longs().between(1, 1L << 50).list().ofMaxSize(5);
        Arbitrary<Long> timeMillis = Arbitraries.longs().between(0, Genesis.MAX_TIME.toEpochMilli());
        Arbitrary<ConsensusParams> consensus = Combinators.combine(
                Arbitraries.integers().between(1, ConsensusParams.MAX_BLOCK_TRANSACTIONS),
                Arbitraries.integers().between(ConsensusParams.MIN_BLOCK_BYTES, ConsensusParams.MAX_BLOCK_BYTES),
                Arbitraries.longs().between(ConsensusParams.MIN_VIEW_TIMEOUT_MILLIS, ConsensusParams.MAX_VIEW_TIMEOUT_MILLIS),
                Arbitraries.integers().between(1, ConsensusParams.MAX_VIEW_TIMEOUT_MULTIPLIER),
                Arbitraries.longs().between(0, ConsensusParams.MAX_HEARTBEAT_MILLIS)).as(ConsensusParams::new);
        Arbitrary<Integer> observers = Arbitraries.integers().between(0, 3);
        return Combinators.combine(keyBase, validators, balances, timeMillis, consensus, observers)
                .as((base, n, bal, t, c, obs) -> {
                    List<GenesisValidator> vs = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        vs.add(new GenesisValidator("v-" + i, Fixtures.key(base + i).publicKey(),
                                P2pAddress.parse("/dns4/host" + i + ".example/tcp/" + (30000 + i))));
                    }
                    List<Allocation> alloc = new ArrayList<>();
                    for (int i = 0; i < bal.size(); i++) {
                        alloc.add(new Allocation(Fixtures.key(base + 100 + i).address(), bal.get(i)));
                    }
                    List<io.tally.crypto.PublicKey> ob = new ArrayList<>();
                    for (int i = 0; i < obs; i++) {
                        ob.add(Fixtures.key(base + 200 + i).publicKey());
                    }
                    return new Genesis("chain-" + base, Instant.ofEpochMilli(t), vs, alloc, c, ob);
                });
    }

    @Property(tries = 200)
    void reformattingAndReorderingDoNotChangeTheHash(@ForAll("geneses") Genesis g, @ForAll long seed)
            throws Exception {
        JsonNode tree = Fixtures.JSON.readTree(GenesisJson.write(g));
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        render(tree, random, text);
        Genesis back = GenesisJson.parse(text.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(g.hash(), back.hash(), text::toString);
        assertEquals(g, back);
    }

    @Property(tries = 300)
    void changingAnyValueChangesTheHash(@ForAll("geneses") Genesis g, @ForAll @IntRange(min = 0, max = 1000) int which)
            throws Exception {
        ObjectNode tree = (ObjectNode) Fixtures.JSON.readTree(GenesisJson.write(g));
        List<Runnable> mutations = mutations(tree);
        mutations.get(which % mutations.size()).run();
        Hash changed = GenesisJson.parse(Fixtures.bytes(tree)).hash();
        assertNotEquals(g.hash(), changed, tree::toString);
    }

    /** One single-value change per leaf of the file, each keeping the file valid. */
    private static List<Runnable> mutations(ObjectNode root) {
        List<Runnable> out = new ArrayList<>();
        out.add(() -> root.put("chainId", root.get("chainId").asText() + "x"));
        out.add(() -> root.put("genesisTime", Instant.parse(root.get("genesisTime").asText()).plusMillis(
                Instant.parse(root.get("genesisTime").asText()).equals(Genesis.MAX_TIME) ? -1 : 1).toString()));
        ObjectNode c = (ObjectNode) root.get("consensus");
        java.util.Map<String, Long> minimum = java.util.Map.of("maxBlockTransactions", 1L,
                "maxBlockBytes", (long) ConsensusParams.MIN_BLOCK_BYTES,
                "viewTimeoutMillisBase", ConsensusParams.MIN_VIEW_TIMEOUT_MILLIS, "viewTimeoutMaxMultiplier", 1L,
                "heartbeatMillis", 0L);
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            long v = c.get(f).asLong();
            out.add(() -> c.put(f, v == minimum.get(f) ? v + 1 : v - 1));
        }
        ArrayNode vs = (ArrayNode) root.get("validators");
        for (int i = 0; i < vs.size(); i++) {
            ObjectNode v = (ObjectNode) vs.get(i);
            out.add(() -> v.put("name", v.get("name").asText() + "z"));
            out.add(() -> v.put("publicKey", Fixtures.key(50_000).publicKey().toHex()));
            out.add(() -> v.put("p2pAddress", v.get("p2pAddress").asText().replace("/tcp/3", "/tcp/4")));
        }
        ArrayNode alloc = (ArrayNode) root.get("alloc");
        for (int i = 0; i < alloc.size(); i++) {
            ObjectNode a = (ObjectNode) alloc.get(i);
            out.add(() -> a.put("balance", Long.parseLong(a.get("balance").asText()) + 1));
            out.add(() -> a.put("address", Fixtures.key(60_000).address().toString()));
        }
        out.add(() -> alloc.addObject().put("address", Fixtures.key(70_000).address().toString()).put("balance", 1));
        ArrayNode obs = (ArrayNode) root.get("observers");
        out.add(() -> obs.add(Fixtures.key(80_000).publicKey().toHex()));
        if (!obs.isEmpty()) {
            out.add(() -> obs.remove(0));
        }
        return out;
    }

    /** Writes {@code node} with shuffled object fields, random whitespace and random hex case. */
    private static void render(JsonNode node, Random r, StringBuilder b) {
        space(r, b);
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, r);
            b.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                space(r, b);
                b.append('"').append(names.get(i)).append('"');
                space(r, b);
                b.append(':');
                render(node.get(names.get(i)), r, b);
            }
            space(r, b);
            b.append('}');
        } else if (node.isArray()) {
            b.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                render(node.get(i), r, b);
            }
            space(r, b);
            b.append(']');
        } else if (node.isTextual() && node.asText().matches("[0-9a-f]{64}") && r.nextBoolean()) {
            b.append('"').append(node.asText().toUpperCase(Locale.ROOT)).append('"');
        } else if (node.isTextual() && node.asText().matches("[1-9][0-9]*") && r.nextBoolean()) {
            b.append(node.asText()); // a balance as a JSON number instead of a string
        } else {
            b.append(node);
        }
        space(r, b);
    }

    private static void space(Random r, StringBuilder b) {
        String[] ws = {"", " ", "\n", "\t", "  \r\n  "};
        b.append(ws[r.nextInt(ws.length)]);
    }
}
