package io.tally.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Bytes;
import io.tally.crypto.KeyPair;
import io.tally.wallet.WalletCli;
import io.tally.wallet.testnet.WalletRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    WalletRun wallet;

    @BeforeEach
    void setUp() {
        wallet = new WalletRun();
        wallet.env.put("TALLY_KEYSTORE", tmp.resolve("ks").toString());
        wallet.env.put("TALLY_PASSWORD", "s3cret");
    }

    JsonNode newKey(String name) throws Exception {
        WalletRun.Result r = wallet.run("keys", "new", name, "--scrypt-n", "1024", "--json");
        assertEquals(0, r.exit(), r.toString());
        return JSON.readTree(r.out());
    }

    @Test
    void newListShowAndExportAgree() throws Exception {
        JsonNode bob = newKey("bob");
        String address = bob.get("address").asText();
        assertTrue(address.startsWith("tly1"));
        assertEquals("rw-------", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(Path.of(bob.get("file").asText()))));

        WalletRun.Result list = wallet.run("keys", "list");
        assertTrue(list.out().contains("bob") && list.out().contains(address), list.toString());
        WalletRun.Result show = wallet.run("keys", "show", address);
        assertTrue(show.out().contains("name:       bob"), show.toString());
        assertEquals(address + "\n", wallet.run("address").out());

        WalletRun.Result exported = wallet.run("keys", "export", "bob");
        JsonNode ks = JSON.readTree(exported.out());
        assertEquals(4, ks.get("version").asInt());
        assertEquals("scrypt", ks.at("/crypto/kdf/function").asText());
        assertEquals(1024, ks.at("/crypto/kdf/params/n").asInt());
        assertEquals("", ks.get("path").asText());

        Path out = tmp.resolve("bob-export.json");
        assertEquals(0, wallet.run("keys", "export", "bob", "--out", out.toString()).exit());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        WalletRun.Result again = wallet.run("keys", "export", "bob", "--out", out.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already exists"), again.toString());

        WalletRun.Result seed = wallet.run("keys", "export", "bob", "--seed");
        assertEquals(0, seed.exit(), seed.toString());
        assertEquals(address, KeyPair.fromSeed(Bytes.fromHex(seed.out().trim())).address().toString());

        // the exported keystore imports under a new name only after removing the original (same key)
        WalletRun.Result dup = wallet.run("keys", "import", "bob2", out.toString(), "--scrypt-n", "1024");
        assertEquals(1, dup.exit());
        assertTrue(dup.err().contains("already stored as 'bob'"), dup.toString());
    }

    @Test
    void wrongPasswordIsAOneLineError() throws Exception {
        newKey("bob");
        wallet.env.put("TALLY_PASSWORD", "not it");
        WalletRun.Result r = wallet.run("keys", "export", "bob", "--seed");
        assertEquals(1, r.exit());
        assertEquals("error: cannot unlock key 'bob': wrong password (checksum mismatch)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aKeyFileReadableByOthersStillWorksButWarns() throws Exception {
        JsonNode bob = newKey("bob");
        Path file = Path.of(bob.get("file").asText());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        WalletRun.Result r = wallet.run("keys", "export", "bob", "--seed");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("is accessible by other users (run chmod 600"), r.toString());
    }

    @Test
    void tamperedKeystoreFileIsRefused() throws Exception {
        JsonNode bob = newKey("bob");
        Path file = Path.of(bob.get("file").asText());
        ObjectNode ks = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode cipher = (ObjectNode) ks.get("crypto").get("cipher");
        String m = cipher.get("message").asText();
        cipher.put("message", (m.charAt(0) == 'a' ? "b" : "a") + m.substring(1));
        Files.write(file, JSON.writeValueAsBytes(ks));
        WalletRun.Result r = wallet.run("keys", "export", "bob", "--seed");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("wrong password (checksum mismatch)"), r.toString());

        ObjectNode costly = (ObjectNode) ks.get("crypto").get("kdf").get("params");
        costly.put("n", 1 << 22);
        Files.write(file, JSON.writeValueAsBytes(ks));
        WalletRun.Result c = wallet.run("keys", "show", "bob");
        assertEquals(1, c.exit());
        assertTrue(c.err().startsWith("error: scrypt n must be a power of two"), c.toString());
    }

    @Test
    void passwordSourcesAreFileThenEnvironmentThenPrompt() throws Exception {
        wallet.env.remove("TALLY_PASSWORD");
        WalletRun.Result none = wallet.run("keys", "new", "carol", "--scrypt-n", "1024");
        assertEquals(1, none.exit());
        assertTrue(none.err().startsWith("error: a password is needed: pass --password-file FILE, set TALLY_PASSWORD"),
            none.toString());

        Deque<String> typed = new ArrayDeque<>(List.of("one", "two"));
        wallet.prompt = p -> typed.pop().toCharArray();
        WalletRun.Result mismatch = wallet.run("keys", "new", "carol", "--scrypt-n", "1024");
        assertEquals("error: the two passwords differ\n", mismatch.err());

        typed.addAll(List.of("same", "same"));
        assertEquals(0, wallet.run("keys", "new", "carol", "--scrypt-n", "1024").exit());
        Path pwFile = tmp.resolve("pw");
        Files.writeString(pwFile, "same\n");
        wallet.prompt = p -> {
            throw new AssertionError("the password file comes first");
        };
        WalletRun.Result viaFile = wallet.run("--password-file", pwFile.toString(), "keys", "export", "carol", "--seed");
        assertEquals(0, viaFile.exit(), viaFile.toString());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        WalletRun.Result missing = wallet.run("transfer", "--amount", "5");
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.toString());
        assertEquals(2, wallet.run("frobnicate").exit());
        assertEquals(2, wallet.run().exit());
        WalletRun.Result badAmount = wallet.run("--no-verify", "sign", "--chain-id", "c", "--nonce", "0", "--to",
            "tly1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "--amount", "-3");
        assertEquals(1, badAmount.exit());
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine root = WalletCli.commandLine(WalletEnvs.quiet(),
            new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()));
        Deque<CommandLine> todo = new ArrayDeque<>(List.of(root));
        int checked = 0;
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            todo.addAll(c.getSubcommands().values());
            List<String> path = new java.util.ArrayList<>();
            for (CommandLine p = c; p.getParent() != null; p = p.getParent()) {
                path.add(0, p.getCommandName());
            }
            path.add("--help");
            WalletRun.Result r = wallet.run(path.toArray(new String[0]));
            assertEquals(0, r.exit(), path + " " + r);
            assertTrue(r.out().startsWith("Usage: tally-wallet"), path + " " + r);
            checked++;
        }
        assertEquals(17, checked);
    }
}
