package io.tally.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import io.tally.crypto.Sha256;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GenesisJsonTest {

    private static List<String> problems(byte[] json) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> GenesisJson.parse(json));
        return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }

    private static List<String> problemsAfter(Consumer<ObjectNode> mutation) {
        ObjectNode root = Fixtures.validTree();
        mutation.accept(root);
        return problems(Fixtures.bytes(root));
    }

    private static void assertSingleProblem(String expected, Consumer<ObjectNode> mutation) {
        List<String> ps = problemsAfter(mutation);
        assertEquals(List.of(expected), ps);
    }

    @Test
    void writtenGenesisReadsBackEqualWithSameHash() throws Exception {
        Genesis g = Fixtures.genesis(7, 5);
        Genesis back = GenesisJson.parse(GenesisJson.write(g).getBytes(StandardCharsets.UTF_8));
        assertEquals(g, back);
        assertEquals(g.hash(), back.hash());
        assertEquals(7, back.validatorSet().size());
        assertEquals(15_000_000L, back.totalSupply());
    }

    @Test
    void canonicalEncodingMatchesTheDocumentedLayout() {
        Genesis g = Fixtures.genesis(2, 1);
        ByteBuffer b = ByteBuffer.allocate(4096);
        b.put((byte) 13).put("tally/genesis".getBytes(StandardCharsets.US_ASCII)).put((byte) 1);
        b.put((byte) 10).put("tally-test".getBytes(StandardCharsets.US_ASCII));
        b.putLong(1735689600000L);
        b.putShort((short) 2);
        for (int i = 0; i < 2; i++) {
            b.put(Fixtures.key(i).publicKey().bytes());
            b.put((byte) 5).put(("node" + i).getBytes(StandardCharsets.US_ASCII));
            String addr = "/ip4/127.0.0.1/tcp/" + (26656 + i);
            b.putShort((short) addr.length()).put(addr.getBytes(StandardCharsets.US_ASCII));
        }
        b.putInt(1).put(Fixtures.key(1000).address().bytes()).putLong(1_000_000L);
        b.putInt(2000).putInt(4 * 1024 * 1024).putLong(2000).putInt(8).putLong(0);
        b.putShort((short) 1).put(Fixtures.key(2000).publicKey().bytes());
        byte[] expected = new byte[b.position()];
        b.flip().get(expected);
        assertEquals(io.tally.crypto.Bytes.toHex(expected), io.tally.crypto.Bytes.toHex(g.canonicalBytes()));
        assertEquals(Sha256.hash(expected), g.hash());
    }

    @Test
    void allocationOrderDoesNotChangeTheHashButValidatorOrderDoes() throws Exception {
        ObjectNode root = Fixtures.validTree();
        Genesis original = GenesisJson.parse(Fixtures.bytes(root));
        ArrayNode alloc = (ArrayNode) root.get("alloc");
        alloc.insert(0, alloc.remove(1));
        assertEquals(original.hash(), GenesisJson.parse(Fixtures.bytes(root)).hash());
        ArrayNode vs = (ArrayNode) root.get("validators");
        vs.insert(0, vs.remove(1));
        assertNotEquals(original.hash(), GenesisJson.parse(Fixtures.bytes(root)).hash());
    }

    @Test
    void balancesMayBeNumbersOrDecimalStrings() throws Exception {
        ObjectNode root = Fixtures.validTree();
        Genesis asStrings = GenesisJson.parse(Fixtures.bytes(root));
        Fixtures.alloc(root, 0).put("balance", asStrings.alloc().get(0).balance());
        Fixtures.alloc(root, 1).put("balance", asStrings.alloc().get(1).balance());
        assertEquals(asStrings.hash(), GenesisJson.parse(Fixtures.bytes(root)).hash());
        Fixtures.alloc(root, 0).put("balance", Long.MAX_VALUE - asStrings.alloc().get(1).balance());
        assertEquals(Long.MAX_VALUE, GenesisJson.parse(Fixtures.bytes(root)).totalSupply());
    }

    @Test
    void unknownFieldsAreRejectedWherever() {
        assertSingleProblem("extra: unknown field (allowed: alloc, chainId, consensus, format, genesisTime, observers,"
                + " validators)", r -> r.put("extra", 1));
        assertSingleProblem("validators[1].power: unknown field (allowed: name, p2pAddress, publicKey)",
                r -> Fixtures.validator(r, 1).put("power", 10));
        assertSingleProblem("consensus.maxBlockGas: unknown field (allowed: heartbeatMillis, maxBlockBytes,"
                + " maxBlockTransactions, viewTimeoutMaxMultiplier, viewTimeoutMillisBase)",
                r -> ((ObjectNode) r.get("consensus")).put("maxBlockGas", 1));
    }

    @Test
    void duplicateJsonKeysAreAllReportedWithTheirPaths() {
        String json = new String(Fixtures.bytes(Fixtures.validTree()), StandardCharsets.UTF_8);
        String withDups = json.replaceFirst("\"chainId\":", "\"chainId\":\"other\",\"chainId\":")
                .replaceFirst("\"name\":", "\"name\":\"x\",\"name\":");
        assertEquals(java.util.Set.of("validators[0].name: duplicate key \"name\"", "chainId: duplicate key \"chainId\""),
                java.util.Set.copyOf(problems(withDups.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void wrongTypesAreNamed() {
        assertSingleProblem("chainId: must be a string, got a number", r -> r.put("chainId", 5));
        assertSingleProblem("validators: must be an array, got an object", r -> r.putObject("validators"));
        assertSingleProblem("validators[0]: must be an object, got a string",
                r -> ((ArrayNode) r.get("validators")).set(0, r.textNode("node0")));
        assertSingleProblem("consensus.maxBlockBytes: must be an integer, got a string",
                r -> ((ObjectNode) r.get("consensus")).put("maxBlockBytes", "4096"));
        assertSingleProblem("genesisTime: must not be null", r -> r.putNull("genesisTime"));
        assertSingleProblem("consensus: missing required field", r -> r.remove("consensus"));
    }

    @Test
    void badAmountsAreRejectedWithTheReason() {
        assertSingleProblem("alloc[0].balance: must be an integer, not a fraction or exponent; got 1.5",
                r -> Fixtures.alloc(r, 0).put("balance", 1.5));
        assertSingleProblem("alloc[0].balance: must be an integer, not a fraction or exponent; got 1E+3",
                r -> Fixtures.alloc(r, 0).put("balance", new java.math.BigDecimal("1e3")));
        assertSingleProblem("alloc[0].balance: must not be negative, got -5", r -> Fixtures.alloc(r, 0).put("balance", -5));
        assertSingleProblem("alloc[0].balance: must not be negative, got \"-5\"",
                r -> Fixtures.alloc(r, 0).put("balance", "-5"));
        assertSingleProblem("alloc[0].balance: must be a decimal integer string without sign or leading zeros, got \"1.0\"",
                r -> Fixtures.alloc(r, 0).put("balance", "1.0"));
        assertSingleProblem("alloc[0].balance: must be positive (leave the address out instead of giving it 0)",
                r -> Fixtures.alloc(r, 0).put("balance", 0));
        assertSingleProblem("alloc[0].balance: exceeds 2^63-1 (9223372036854775807), got 9223372036854775808",
                r -> Fixtures.alloc(r, 0).put("balance", BigInteger.ONE.shiftLeft(63)));
        assertSingleProblem("alloc[0].balance: exceeds 2^63-1 (9223372036854775807), got 9223372036854775808",
                r -> Fixtures.alloc(r, 0).put("balance", "9223372036854775808"));
        assertSingleProblem("alloc: total supply 9223372036854775808 exceeds 2^63-1 (9223372036854775807)", r -> {
            Fixtures.alloc(r, 0).put("balance", Long.MAX_VALUE);
            Fixtures.alloc(r, 1).put("balance", 1);
        });
        assertSingleProblem("alloc[1].balance: must be an integer (JSON number or decimal string), got a boolean",
                r -> Fixtures.alloc(r, 1).put("balance", true));
    }

    @Test
    void duplicateValidatorsAndAllocationsAreRejected() {
        assertSingleProblem("validators[2].name: duplicate name \"node0\" (first used at validators[0].name)",
                r -> Fixtures.validator(r, 2).put("name", "node0"));
        assertSingleProblem("validators[3].publicKey: duplicate public key (first used at validators[1].publicKey)",
                r -> Fixtures.validator(r, 3).put("publicKey", Fixtures.validator(r, 1).get("publicKey").asText()));
        assertSingleProblem("validators[1].p2pAddress: duplicate p2p endpoint 127.0.0.1:26656 (first used at"
                + " validators[0].p2pAddress)", r -> Fixtures.validator(r, 1).put("p2pAddress", "/ip4/127.0.0.1/tcp/26656"));
        assertSingleProblem("alloc[1].address: duplicate address (first used at alloc[0].address)", r -> {
            String a = Fixtures.alloc(r, 0).get("address").asText();
            Fixtures.alloc(r, 1).put("address", a.toUpperCase(java.util.Locale.ROOT));
        });
        assertSingleProblem("observers[0]: is a validator's key; observers are extra peers only",
                r -> ((ArrayNode) r.get("observers")).set(0, Fixtures.validator(r, 0).get("publicKey")));
    }

    @Test
    void badKeysAddressesAndIdsAreRejected() {
        assertSingleProblem("validators[0].publicKey: not 32 bytes of hex (64 hex digits)",
                r -> Fixtures.validator(r, 0).put("publicKey", "abcd"));
        assertSingleProblem("validators[0].publicKey: not 32 bytes of hex (64 hex digits)",
                r -> Fixtures.validator(r, 0).put("publicKey", "zz" + "00".repeat(31)));
        assertSingleProblem("validators[0].publicKey: not a valid Ed25519 public key",
                r -> Fixtures.validator(r, 0).put("publicKey", "00".repeat(32)));
        assertSingleProblem("alloc[0].address: invalid address: checksum mismatch (mistyped?)", r -> {
            String a = Fixtures.alloc(r, 0).get("address").asText();
            char last = a.charAt(a.length() - 1);
            Fixtures.alloc(r, 0).put("address", a.substring(0, a.length() - 1) + (last == 'q' ? 'p' : 'q'));
        });
        assertSingleProblem("chainId: chain id may contain only letters, digits, '.', '_' and '-'",
                r -> r.put("chainId", "tally dev"));
        assertSingleProblem("chainId: chain id is empty", r -> r.put("chainId", ""));
        assertSingleProblem("validators: at least one validator is required (n >= 1)", r -> r.putArray("validators"));
        assertSingleProblem("validators[1].p2pAddress: multiaddr must use tcp, got \"udp\"; expected"
                + " /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>[/p2p/<peer id>]",
                r -> Fixtures.validator(r, 1).put("p2pAddress", "/ip4/127.0.0.1/udp/26657"));
        assertSingleProblem("validators[1].p2pAddress: bad IPv4 address \"127.0.0.256\"",
                r -> Fixtures.validator(r, 1).put("p2pAddress", "/ip4/127.0.0.256/tcp/26657"));
        assertSingleProblem("validators[1].name: name must be 1..64 characters of letters, digits, '.', '_' and '-',"
                + " got \"a b\"", r -> Fixtures.validator(r, 1).put("name", "a b"));
        assertSingleProblem("format: unsupported format 2; this version reads format 1", r -> r.put("format", 2));
    }

    @Test
    void genesisTimeMustBeRfc3339UtcWithAtMostMilliseconds() throws Exception {
        assertSingleProblem("genesisTime: must be an RFC 3339 UTC time such as 2025-01-01T00:00:00Z, got"
                + " \"2025-01-01T00:00:00+01:00\"", r -> r.put("genesisTime", "2025-01-01T00:00:00+01:00"));
        assertSingleProblem("genesisTime: must have at most millisecond precision, got \"2025-01-01T00:00:00.0001Z\"",
                r -> r.put("genesisTime", "2025-01-01T00:00:00.0001Z"));
        assertSingleProblem("genesisTime: not a valid date and time: \"2025-02-30T00:00:00Z\"",
                r -> r.put("genesisTime", "2025-02-30T00:00:00Z"));
        ObjectNode root = Fixtures.validTree();
        root.put("genesisTime", "2025-01-01T00:00:00.250Z");
        assertEquals(1735689600250L, GenesisJson.parse(Fixtures.bytes(root)).genesisTimeMillis());
    }

    @Test
    void everyProblemInAFileIsReportedNotJustTheFirst() {
        List<String> ps = problemsAfter(r -> {
            r.put("chainId", "bad id!");
            r.put("surprise", true);
            Fixtures.validator(r, 2).put("publicKey", "1234");
            Fixtures.alloc(r, 1).put("balance", -1);
            ((ObjectNode) r.get("consensus")).put("viewTimeoutMaxMultiplier", 0);
        });
        assertEquals(5, ps.size(), ps.toString());
        assertTrue(ps.contains("validators[2].publicKey: not 32 bytes of hex (64 hex digits)"), ps.toString());
        assertTrue(ps.contains("consensus.viewTimeoutMaxMultiplier: must be between 1 and 1024, got 0"), ps.toString());
    }

    @Test
    void malformedJsonIsOneProblemWithItsPosition() {
        List<String> ps = problems("{\n  \"format\": 1,\n  \"chainId\": }".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, ps.size());
        assertTrue(ps.get(0).startsWith("not valid JSON: ") && ps.get(0).contains("line 3"), ps.get(0));
        assertEquals(List.of("file is empty"), problems(new byte[0]));
        assertEquals(List.of("must be an object, got an array"), problems("[]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(problems("{} {}".getBytes(StandardCharsets.UTF_8)).get(0).startsWith("unexpected content"));
    }

    @Test
    void balancesAndValidatorSetExposeWhatTheNodeNeeds() {
        Genesis g = Fixtures.genesis(4, 3);
        assertEquals(3, g.balances().size());
        Address first = g.balances().firstKey();
        assertTrue(g.balances().keySet().stream().allMatch(a -> a.compareTo(first) >= 0));
        assertEquals(Fixtures.key(2).publicKey(), g.validatorSet().get(2));
        assertEquals(1, g.validatorSet().maxFaulty());
    }

    @Test
    void ledgerGenesisStateCarriesChainIdTimeValidatorsAndBalances() {
        Genesis g = Fixtures.genesis(4, 3);
        io.tally.ledger.chain.GenesisState s = g.toGenesisState();
        assertEquals(g.chainId(), s.chainId());
        assertEquals(g.genesisTimeMillis(), s.genesisTimeMillis());
        assertEquals(g.validatorSet(), s.validators());
        assertEquals(g.balances(), s.balances());
        assertEquals(g.totalSupply(), s.totalSupply());
    }

    @Test
    void hostileInputIsAProblemNotACrash() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertTrue(problems(deep.getBytes(StandardCharsets.UTF_8)).get(0).startsWith("not valid JSON"));
        String longNumber = "{\"format\": " + "9".repeat(5000) + "}";
        assertTrue(problems(longNumber.getBytes(StandardCharsets.UTF_8)).get(0).startsWith("not valid JSON"));
        assertTrue(problems(new byte[] {(byte) 0xff, (byte) 0xfe}).get(0).startsWith("not valid JSON"));
        List<String> ps = problemsAfter(r -> r.put("format", new BigInteger("9".repeat(900))));
        assertTrue(ps.get(0).length() < 120, ps.get(0));
    }
}
