package io.tally.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Bytes;
import io.tally.crypto.KeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyFileTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void keyFileIsCreatedOwnerOnlyAndReadsBack() throws Exception {
        KeyPair k = Fixtures.key(1);
        Path f = dir.resolve("node_key.json");
        NodeKeyFile.write(f, k, warnings::add);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(k, NodeKeyFile.read(f));
        assertEquals(List.of(), warnings);
    }

    @Test
    void writerNeverOverwritesAnExistingFile() throws Exception {
        Path f = dir.resolve("k.json");
        NodeKeyFile.write(f, Fixtures.key(1), warnings::add);
        assertThrows(FileAlreadyExistsException.class, () -> NodeKeyFile.write(f, Fixtures.key(2), warnings::add));
        assertEquals(Fixtures.key(1), NodeKeyFile.read(f));
    }

    @Test
    void groupOrWorldReadableKeyFileIsRefusedLikeSsh() throws Exception {
        Path f = dir.resolve("k.json");
        NodeKeyFile.write(f, Fixtures.key(1), warnings::add);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> NodeKeyFile.read(f));
        assertEquals("permissions 0644 are too open: a private key must be readable by its owner only; run chmod 600 "
                + f, e.problems().get(0).message());
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw----r--"));
        assertThrows(InvalidFileException.class, () -> NodeKeyFile.read(f));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--------"));
        assertEquals(Fixtures.key(1), NodeKeyFile.read(f));
    }

    private Path privateFile(String json) throws Exception {
        Path f = dir.resolve("k" + System.nanoTime() + ".json");
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, json);
        return f;
    }

    private List<String> problems(String json) throws Exception {
        Path f = privateFile(json);
        return assertThrows(InvalidFileException.class, () -> NodeKeyFile.read(f)).problems().stream()
                .map(Problem::toString).toList();
    }

    @Test
    void publicKeyMustMatchTheSeed() throws Exception {
        KeyPair k = Fixtures.key(1);
        String json = "{\"type\":\"ed25519\",\"publicKey\":\"" + Fixtures.key(2).publicKey().toHex()
                + "\",\"privateKey\":\"" + Bytes.toHex(k.seed()) + "\"}";
        assertEquals(List.of("publicKey: does not match the private key (the file is corrupt or was edited)"),
                problems(json));
    }

    @Test
    void malformedKeyFilesAreReportedWithoutEchoingTheSecret() throws Exception {
        String seed = Bytes.toHex(Fixtures.key(1).seed());
        String pub = Fixtures.key(1).publicKey().toHex();
        List<String> ps = problems("{\"type\":\"rsa\",\"publicKey\":\"" + pub + "\",\"privateKey\":\"" + seed
                + "ff\",\"comment\":1}");
        assertEquals(List.of("comment: unknown field (allowed: privateKey, publicKey, type)",
                "type: unsupported key type \"rsa\"; expected \"ed25519\"",
                "privateKey: not 32 bytes of hex (64 hex digits)"), ps);
        List<String> syntax = problems("{\"privateKey\": " + seed + "}");
        assertEquals(1, syntax.size());
        assertFalse(syntax.get(0).contains(seed.substring(0, 8)), syntax.get(0));
        assertTrue(syntax.get(0).startsWith("not valid JSON"));
    }

    @Test
    void missingFileIsAClearError() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> NodeKeyFile.read(dir.resolve("absent.json")));
        assertEquals("key file does not exist", e.problems().get(0).message());
    }

    @Test
    void fileOnDiskHasTheDocumentedShape() throws Exception {
        Path f = dir.resolve("k.json");
        NodeKeyFile.write(f, Fixtures.key(3), warnings::add);
        var tree = Fixtures.JSON.readTree(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        assertEquals("ed25519", tree.get("type").asText());
        assertEquals(Fixtures.key(3).publicKey().toHex(), tree.get("publicKey").asText());
        assertEquals(Bytes.toHex(Fixtures.key(3).seed()), tree.get("privateKey").asText());
        assertEquals(3, tree.size());
    }
}
