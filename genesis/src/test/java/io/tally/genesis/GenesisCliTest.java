package io.tally.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.KeyPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenesisCliTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07.890Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GenesisCli.run(new PrintWriter(out), new PrintWriter(err), CLOCK, new SecureRandom(), args);
        return new Result(code, out.toString(), err.toString());
    }

    private String addr(int i) {
        return Fixtures.key(500 + i).address().toString();
    }

    @Test
    void newThenValidateThenHashAgree() throws Exception {
        Path out = dir.resolve("net");
        Result r = run("new", "--validators", "4", "--chain-id", "tally-dev", "--out", out.toString(),
                "--alloc", addr(0) + "=1000", "--alloc", addr(1) + "=9223372036854774807");
        assertEquals(0, r.code(), r.err());
        Result v = run("validate", out.resolve("genesis.json").toString());
        assertEquals(0, v.code(), v.err());
        Result h = run("hash", out.resolve("genesis.json").toString());
        assertEquals(0, h.code());
        assertEquals("OK " + h.out().strip(), v.out().strip());
        assertTrue(r.out().contains("genesis hash " + h.out().strip()), r.out());

        Genesis g = GenesisJson.read(out.resolve("genesis.json"));
        assertEquals(Instant.parse("2025-03-04T05:06:07Z"), g.genesisTime());
        assertEquals(9223372036854774807L + 1000, g.totalSupply());
        for (int i = 0; i < 4; i++) {
            Path nodeDir = out.resolve("node" + i);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir)));
            assertEquals("rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir.resolve("node_key.json"))));
            NodeConfig c = NodeConfigJson.read(nodeDir.resolve("node.json"));
            KeyPair k = NodeKeyFile.read(c.keyFile());
            assertEquals(g.validators().get(i).publicKey(), k.publicKey());
            assertEquals(out.resolve("genesis.json").toAbsolutePath().normalize(), c.genesisFile());
            assertEquals(26656 + i, g.validators().get(i).p2pAddress().port());
            assertEquals(8545 + i, c.rpcPort());
            assertEquals(3, c.peers().size());
            assertFalse(c.peers().stream().anyMatch(p -> p.publicKey().equals(k.publicKey())));
        }
    }

    @Test
    void newRefusesANonEmptyDirectoryUnlessForced() throws Exception {
        Path out = dir.resolve("net");
        assertEquals(0, run("new", "--validators", "2", "--chain-id", "a", "--out", out.toString()).code());
        String before = GenesisJson.read(out.resolve("genesis.json")).hash().toHex();
        Files.createDirectories(out.resolve("node1/data"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        Result again = run("new", "--validators", "1", "--chain-id", "a", "--out", out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("error: " + out + " is not empty; use --force"), again.err());

        Result forced = run("new", "--validators", "1", "--chain-id", "a", "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertFalse(Files.exists(out.resolve("node1")));
        assertTrue(Files.exists(out.resolve("notes.txt")));
        assertFalse(before.equals(GenesisJson.read(out.resolve("genesis.json")).hash().toHex()));
    }

    @Test
    void badOptionsAreOneLineErrorsWithExitCodeOne() {
        String out = dir.resolve("x").toString();
        Result r = run("new", "--validators", "0", "--chain-id", "a", "--out", out);
        assertEquals(1, r.code());
        assertEquals("error: --validators must be between 1 and 1024, got 0", r.err().strip());
        r = run("new", "--validators", "2", "--chain-id", "a b", "--out", out);
        assertEquals("error: chain id may contain only letters, digits, '.', '_' and '-'", r.err().strip());
        r = run("new", "--validators", "2", "--chain-id", "a", "--out", out, "--alloc", addr(0) + "=1.5");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("amount must be an integer from 1 to 2^63-1"), r.err());
        r = run("new", "--validators", "2", "--chain-id", "a", "--out", out, "--alloc", addr(0) + "=1",
                "--alloc", addr(0) + "=2");
        assertTrue(r.err().contains("given twice"), r.err());
        r = run("new", "--validators", "2", "--chain-id", "a", "--out", out, "--alloc",
                addr(0) + "=9223372036854775807", "--alloc", addr(1) + "=1");
        assertTrue(r.err().contains("total supply 9223372036854775808 exceeds 2^63-1"), r.err());
        r = run("new", "--validators", "3", "--chain-id", "a", "--out", out, "--base-p2p-port", "65534");
        assertTrue(r.err().contains("they must lie within 1..65535"), r.err());
        r = run("new", "--validators", "3", "--chain-id", "a", "--out", out, "--base-rpc-port", "26657");
        assertTrue(r.err().contains("overlap"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void usageErrorsExitWithTwo() {
        Result r = run("new", "--chain-id", "a");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: Missing required options"), r.err());
        assertEquals(2, run().code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("new", "--validators", "many", "--chain-id", "a", "--out", "x").code());
        Result help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("validate") && help.out().contains("hash"), help.out());
        assertEquals(0, run("validate", "--help").code());
    }

    @Test
    void validatePrintsEveryProblemOnItsOwnLine() throws Exception {
        Path f = dir.resolve("genesis.json");
        var root = Fixtures.validTree();
        Fixtures.validator(root, 2).put("publicKey", "abc");
        root.put("chainId", "");
        Files.write(f, Fixtures.bytes(root));
        Result r = run("validate", f.toString());
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals(List.of("chainId: chain id is empty", "validators[2].publicKey: not 32 bytes of hex (64 hex digits)",
                "INVALID " + f + ": 2 problems"), r.err().strip().lines().toList());
        assertEquals(1, run("hash", f.toString()).code());
        assertEquals(1, run("validate", dir.resolve("absent.json").toString()).code());
    }
}
