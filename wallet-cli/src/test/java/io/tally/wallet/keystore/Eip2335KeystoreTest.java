package io.tally.wallet.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Bytes;
import io.tally.crypto.KeyPair;
import io.tally.wallet.keystore.KeystoreException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * EIP-2335 keystores: the published test vectors (ERC-2335 "Test Cases") and every way a file
 * can be wrong. Negative cases use a cheap KDF so the suite stays fast; the vectors use their own
 * (expensive) published parameters.
 */
class Eip2335KeystoreTest {
    /** The published vector password; NFKD turns the mathematical letters into ASCII. */
    static final String VECTOR_PASSWORD = "\uD835\uDD31\uD835\uDD22\uD835\uDD30\uD835\uDD31\uD835\uDD2D\uD835\uDD1E"
        + "\uD835\uDD30\uD835\uDD30\uD835\uDD34\uD835\uDD2C\uD835\uDD2F\uD835\uDD21\uD83D\uDD11";
    static final String VECTOR_SECRET = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Eip2335KeystoreTest.class.getResourceAsStream("/eip2335/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void passwordIsNormalisedToThePublishedEncoding() {
        assertEquals("7465737470617373776f7264f09f9491", Bytes.toHex(Password.encode(VECTOR_PASSWORD.toCharArray())));
    }

    @Test
    void controlCodesAreStrippedFromPasswordsButSpaceIsKept() {
        assertArrayEquals(Password.encode("test password".toCharArray()),
            Password.encode("te\u0000st\u007f pass\u0085word\n".toCharArray()));
    }

    @Test
    void scryptVectorDecryptsToThePublishedSecret() throws Exception {
        Eip2335Keystore ks = KeystoreJson.parse(resource("scrypt.json"));
        assertEquals(new Kdf.Scrypt(32, 262144, 8, 1, Bytes.fromHex(
            "d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3")), ks.kdf());
        assertEquals(VECTOR_SECRET, Bytes.toHex(ks.decrypt(VECTOR_PASSWORD.toCharArray())));
    }

    @Test
    void pbkdf2VectorDecryptsToThePublishedSecret() throws Exception {
        Eip2335Keystore ks = KeystoreJson.parse(resource("pbkdf2.json"));
        assertEquals(VECTOR_SECRET, Bytes.toHex(ks.decrypt(VECTOR_PASSWORD.toCharArray())));
    }

    @Test
    void pbkdf2VectorRefusesAWrongPassword() throws Exception {
        Eip2335Keystore ks = KeystoreJson.parse(resource("pbkdf2.json"));
        KeystoreException e = assertThrows(KeystoreException.class, () -> ks.decrypt("testpassword!".toCharArray()));
        assertEquals(Reason.WRONG_PASSWORD, e.reason());
        assertEquals("wrong password (checksum mismatch)", e.getMessage());
    }

    @Test
    void reEncryptingTheVectorWithItsParametersReproducesItsCiphertextAndChecksum() throws Exception {
        Eip2335Keystore published = KeystoreJson.parse(resource("pbkdf2.json"));
        Eip2335Keystore mine = Eip2335Keystore.encrypt(Bytes.fromHex(VECTOR_SECRET), VECTOR_PASSWORD.toCharArray(),
            published.kdf(), published.iv(), published.pubkey(), published.description(), published.uuid());
        assertArrayEquals(published.cipherMessage(), mine.cipherMessage());
        assertArrayEquals(published.checksum(), mine.checksum());
    }

    // ---- a cheap keystore for the negative cases ----

    static final char[] PASSWORD = "correct horse".toCharArray();

    static Eip2335Keystore cheap() {
        KeyPair keys = KeyPair.fromSeed(Bytes.fromHex(VECTOR_SECRET));
        return Eip2335Keystore.encrypt(keys.seed(), PASSWORD, new Kdf.Pbkdf2(32, 2, new byte[32]), new byte[16],
            keys.publicKey().toHex(), "test", UUID.fromString("64625def-3331-4eea-ab6f-782f3ed16a83"));
    }

    static ObjectNode tree(Eip2335Keystore ks) throws IOException {
        return (ObjectNode) JSON.readTree(KeystoreJson.write(ks));
    }

    static Eip2335Keystore parse(ObjectNode tree) throws Exception {
        return KeystoreJson.parse(JSON.writeValueAsBytes(tree));
    }

    static Reason refusal(ObjectNode tree) {
        return assertThrows(KeystoreException.class, () -> {
            Eip2335Keystore ks = parse(tree);
            KeystoreDir.unlock(ks, PASSWORD);
        }).reason();
    }

    static ObjectNode at(ObjectNode root, String... path) {
        ObjectNode n = root;
        for (String p : path) {
            n = (ObjectNode) n.get(p);
        }
        return n;
    }

    @Test
    void writtenKeystoreParsesBackEqualAndUnlocks() throws Exception {
        Eip2335Keystore ks = cheap();
        assertEquals(ks, KeystoreJson.parse(KeystoreJson.write(ks)));
        assertEquals(VECTOR_SECRET, Bytes.toHex(KeystoreDir.unlock(ks, PASSWORD).seed()));
    }

    @Test
    void tamperedCiphertextFailsTheChecksum() throws Exception {
        ObjectNode t = tree(cheap());
        String m = at(t, "crypto", "cipher").get("message").textValue();
        at(t, "crypto", "cipher").put("message", (m.charAt(0) == '0' ? "1" : "0") + m.substring(1));
        assertEquals(Reason.WRONG_PASSWORD, refusal(t));
    }

    @Test
    void tamperedChecksumIsAWrongPassword() throws Exception {
        ObjectNode t = tree(cheap());
        at(t, "crypto", "checksum").put("message", "00".repeat(32));
        assertEquals(Reason.WRONG_PASSWORD, refusal(t));
    }

    @Test
    void tamperedSaltOrIterationsChangeTheKeyAndFailTheChecksum() throws Exception {
        ObjectNode t = tree(cheap());
        at(t, "crypto", "kdf", "params").put("salt", "01".repeat(32));
        assertEquals(Reason.WRONG_PASSWORD, refusal(t));
        ObjectNode u = tree(cheap());
        at(u, "crypto", "kdf", "params").put("c", 3);
        assertEquals(Reason.WRONG_PASSWORD, refusal(u));
    }

    /** The IV is not covered by the EIP-2335 checksum; the stored public key catches the garbage seed. */
    @Test
    void tamperedIvIsCaughtByThePublicKeyCheck() throws Exception {
        ObjectNode t = tree(cheap());
        at(t, "crypto", "cipher", "params").put("iv", "01" + "00".repeat(15));
        assertEquals(Reason.PUBKEY_MISMATCH, refusal(t));
    }

    @Test
    void tamperedPublicKeyIsRefused() throws Exception {
        ObjectNode t = tree(cheap());
        t.put("pubkey", KeyPair.fromSeed(new byte[32]).publicKey().toHex());
        assertEquals(Reason.PUBKEY_MISMATCH, refusal(t));
    }

    @Test
    void unknownFunctionsAreUnsupported() throws Exception {
        ObjectNode kdf = tree(cheap());
        at(kdf, "crypto", "kdf").put("function", "argon2id");
        assertEquals(Reason.UNSUPPORTED, refusal(kdf));
        ObjectNode cipher = tree(cheap());
        at(cipher, "crypto", "cipher").put("function", "aes-128-gcm");
        assertEquals(Reason.UNSUPPORTED, refusal(cipher));
        ObjectNode checksum = tree(cheap());
        at(checksum, "crypto", "checksum").put("function", "keccak256");
        assertEquals(Reason.UNSUPPORTED, refusal(checksum));
        ObjectNode prf = tree(cheap());
        at(prf, "crypto", "kdf", "params").put("prf", "hmac-sha1");
        assertEquals(Reason.UNSUPPORTED, refusal(prf));
        ObjectNode v3 = tree(cheap());
        v3.put("version", 3);
        assertEquals(Reason.UNSUPPORTED, refusal(v3));
    }

    @Test
    void kdfCostAboveTheCapsIsRefusedBeforeAnyWork() throws Exception {
        ObjectNode pbkdf2 = tree(cheap());
        at(pbkdf2, "crypto", "kdf", "params").put("c", (1L << 22) + 1);
        assertEquals(Reason.PARAMS_TOO_COSTLY, refusal(pbkdf2));

        ObjectNode scrypt = tree(cheap());
        ObjectNode kdf = at(scrypt, "crypto", "kdf");
        kdf.put("function", "scrypt");
        ObjectNode params = kdf.putObject("params");
        params.put("dklen", 32).put("n", 1 << 21).put("r", 8).put("p", 1).put("salt", "00".repeat(32));
        assertEquals(Reason.PARAMS_TOO_COSTLY, refusal(scrypt));
        params.put("n", 1 << 20).put("r", 8); // 1 GiB of memory
        assertEquals(Reason.PARAMS_TOO_COSTLY, refusal(scrypt));
        params.put("n", 1 << 10).put("r", 8).put("p", 17);
        assertEquals(Reason.PARAMS_TOO_COSTLY, refusal(scrypt));
        params.put("n", 1000).put("p", 1);
        assertEquals(Reason.INVALID_PARAMS, refusal(scrypt));
    }

    @Test
    void lengthsOutsideTheFormatAreInvalid() throws Exception {
        ObjectNode dklen = tree(cheap());
        at(dklen, "crypto", "kdf", "params").put("dklen", 16);
        assertEquals(Reason.INVALID_PARAMS, refusal(dklen));
        ObjectNode iv = tree(cheap());
        at(iv, "crypto", "cipher", "params").put("iv", "00".repeat(12));
        assertEquals(Reason.INVALID_PARAMS, refusal(iv));
        ObjectNode checksum = tree(cheap());
        at(checksum, "crypto", "checksum").put("message", "00".repeat(31));
        assertEquals(Reason.INVALID_PARAMS, refusal(checksum));
        ObjectNode salt = tree(cheap());
        at(salt, "crypto", "kdf", "params").put("salt", "");
        assertEquals(Reason.INVALID_PARAMS, refusal(salt));
    }

    /** A 30- or 31-byte secret decrypts (the format allows it) but is not an Ed25519 seed. */
    @Test
    void shortSecretIsNotAnEd25519Seed() throws Exception {
        Eip2335Keystore ks = Eip2335Keystore.encrypt(new byte[31], PASSWORD, new Kdf.Pbkdf2(32, 2, new byte[32]),
            new byte[16], "", "", UUID.randomUUID());
        assertEquals(31, ks.decrypt(PASSWORD).length);
        KeystoreException e = assertThrows(KeystoreException.class, () -> KeystoreDir.unlock(ks, PASSWORD));
        assertEquals(Reason.INVALID_PARAMS, e.reason());
    }

    @Test
    void malformedFilesGiveOneLineReasons() throws Exception {
        for (String bad : new String[] {"", "[]", "null", "{", "{\"version\":4}", "{\"version\":\"4\"}",
                "{\"version\":4.5}", "{\"version\":99999999999999999999999}"}) {
            KeystoreException e = assertThrows(KeystoreException.class, () -> KeystoreJson.parse(bad.getBytes()));
            assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
        }
        ObjectNode hex = tree(cheap());
        at(hex, "crypto", "cipher").put("message", "zz");
        assertEquals(Reason.MALFORMED, refusal(hex));
        ObjectNode uuid = tree(cheap());
        uuid.put("uuid", "not-a-uuid");
        assertEquals(Reason.MALFORMED, refusal(uuid));
        assertThrows(KeystoreException.class, () -> KeystoreJson.parse(new byte[KeystoreJson.MAX_FILE_BYTES + 1]));
    }
}
