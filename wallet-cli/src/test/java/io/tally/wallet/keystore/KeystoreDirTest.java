package io.tally.wallet.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.KeyPair;
import io.tally.wallet.WalletException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreDirTest {
    @TempDir
    Path tmp;

    @Test
    void storedKeysAreOwnerOnlyAndNeverOverwritten() throws Exception {
        KeystoreDir dir = new KeystoreDir(tmp.resolve("ks"), new SecureRandom());
        KeyPair keys = KeyPair.fromSeed(new byte[32]);
        char[] pw = "pw".toCharArray();
        StoredKey stored = dir.store("alice", dir.seal(keys, pw, dir.newScrypt(1 << 10), "alice"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.dir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stored.file())));

        assertEquals(keys.address(), dir.find("alice").address());
        assertEquals("alice", dir.find(keys.address().toString()).name());
        assertEquals(keys, KeystoreDir.unlock(dir.find("alice").keystore(), pw));

        KeyPair other = KeyPair.fromSeed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
            19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        WalletException dup = assertThrows(WalletException.class,
            () -> dir.store("alice", dir.seal(other, pw, dir.newScrypt(1 << 10), "alice")));
        assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());
        assertThrows(WalletException.class, () -> dir.store("alice2", dir.seal(keys, pw, dir.newScrypt(1 << 10), "")));
        assertEquals(keys, KeystoreDir.unlock(dir.find("alice").keystore(), pw));
    }

    @Test
    void listingSkipsFilesThatAreNotKeystores() throws Exception {
        KeystoreDir dir = new KeystoreDir(tmp, new SecureRandom());
        dir.store("bob", dir.seal(KeyPair.fromSeed(new byte[32]), "x".toCharArray(), dir.newScrypt(1 << 10), "bob"));
        Files.writeString(tmp.resolve("junk.json"), "{not json");
        List<String> skipped = new ArrayList<>();
        assertEquals(List.of("bob"), dir.list(skipped).stream().map(StoredKey::name).toList());
        assertEquals(1, skipped.size());
    }

    @Test
    void badNamesAndMissingKeysAreClearErrors() {
        KeystoreDir dir = new KeystoreDir(tmp, new SecureRandom());
        assertThrows(WalletException.class, () -> dir.find("../etc/passwd"));
        WalletException e = assertThrows(WalletException.class, () -> dir.find("nobody"));
        assertTrue(e.getMessage().startsWith("no key named 'nobody'"));
    }
}
