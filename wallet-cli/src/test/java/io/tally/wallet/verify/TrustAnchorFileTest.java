package io.tally.wallet.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.KeyPair;
import io.tally.wallet.WalletException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorFileTest {
    @TempDir
    Path tmp;

    String key(int i) {
        byte[] s = new byte[32];
        s[0] = (byte) i;
        return KeyPair.fromSeed(s).publicKey().toHex();
    }

    @Test
    void validatorSetFileAcceptsKeysOrObjectsInIndexOrder() throws Exception {
        Path f = tmp.resolve("v.json");
        Files.writeString(f, "{\"chainId\":\"c-1\",\"validators\":[\"" + key(1) + "\",{\"publicKey\":\"" + key(2) + "\"}]}");
        TrustAnchor a = TrustAnchorFile.read(f);
        assertEquals("c-1", a.chainId());
        assertEquals(key(2), a.validators().get(1).toHex());
        assertTrue(a.genesis().isEmpty(), "a bare validator set cannot vouch for block 0");
    }

    @Test
    void badTrustedFilesAreOneLineErrors() throws Exception {
        String[] bad = {"[]", "{\"validators\":[]}", "{\"chainId\":\"c\",\"validators\":[]}",
            "{\"chainId\":\"c\",\"validators\":[\"zz\"]}", "{\"chainId\":\"bad id!\",\"validators\":[\"" + key(1) + "\"]}",
            "{\"chainId\":\"c\",\"validators\":[\"" + key(1) + "\",\"" + key(1) + "\"]}", "{\"format\":1}", "{"};
        for (String b : bad) {
            Path f = tmp.resolve("bad.json");
            Files.writeString(f, b);
            WalletException e = assertThrows(WalletException.class, () -> TrustAnchorFile.read(f), b);
            assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
        }
        assertThrows(WalletException.class, () -> TrustAnchorFile.read(tmp.resolve("missing.json")));
    }
}
