package io.tally.wallet.keystore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Bytes;
import io.tally.wallet.keystore.KeystoreException.Reason;
import java.util.UUID;

/**
 * Strict reader and writer of the EIP-2335 JSON form. Every malformed input, of any shape, ends
 * in a {@link KeystoreException} with a one-line reason; nothing else escapes {@link #parse}.
 */
public final class KeystoreJson {
    /** Real keystores are about 1 KiB; anything far larger is not one. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = newMapper();

    private KeystoreJson() {}

    private static ObjectMapper newMapper() {
        ObjectMapper m = new ObjectMapper();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(16).maxStringLength(MAX_FILE_BYTES).maxNumberLength(20).build());
        return m;
    }

    public static Eip2335Keystore parse(byte[] json) throws KeystoreException {
        if (json == null || json.length > MAX_FILE_BYTES) {
            throw new KeystoreException(Reason.MALFORMED, "keystore file is larger than " + MAX_FILE_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new KeystoreException(Reason.MALFORMED, "keystore is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException | RuntimeException e) {
            throw new KeystoreException(Reason.MALFORMED, "keystore is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new KeystoreException(Reason.MALFORMED, "keystore must be a JSON object");
        }
        long version = integer(root, "version", "version");
        if (version != Eip2335Keystore.VERSION) {
            throw new KeystoreException(Reason.UNSUPPORTED,
                "unsupported keystore version " + version + " (only EIP-2335 version 4)");
        }
        JsonNode crypto = object(root, "crypto", "crypto");
        Kdf kdf = readKdf(object(crypto, "kdf", "crypto.kdf"));

        JsonNode checksum = object(crypto, "checksum", "crypto.checksum");
        String checksumFn = text(checksum, "function", "crypto.checksum.function");
        if (!"sha256".equals(checksumFn)) {
            throw new KeystoreException(Reason.UNSUPPORTED, "unsupported checksum function '" + checksumFn + "'");
        }
        object(checksum, "params", "crypto.checksum.params");
        byte[] checksumMessage = hex(checksum, "message", "crypto.checksum.message");
        if (checksumMessage.length != Eip2335Keystore.CHECKSUM_LENGTH) {
            throw new KeystoreException(Reason.INVALID_PARAMS, "checksum must be 32 bytes");
        }

        JsonNode cipher = object(crypto, "cipher", "crypto.cipher");
        String cipherFn = text(cipher, "function", "crypto.cipher.function");
        if (!"aes-128-ctr".equals(cipherFn)) {
            throw new KeystoreException(Reason.UNSUPPORTED, "unsupported cipher '" + cipherFn + "' (only aes-128-ctr)");
        }
        byte[] iv = hex(object(cipher, "params", "crypto.cipher.params"), "iv", "crypto.cipher.params.iv");
        if (iv.length != Eip2335Keystore.IV_LENGTH) {
            throw new KeystoreException(Reason.INVALID_PARAMS, "cipher iv must be 16 bytes, got " + iv.length);
        }
        byte[] message = hex(cipher, "message", "crypto.cipher.message");
        if (message.length == 0 || message.length > Eip2335Keystore.MAX_SECRET_LENGTH) {
            throw new KeystoreException(Reason.INVALID_PARAMS,
                "cipher message must be 1.." + Eip2335Keystore.MAX_SECRET_LENGTH + " bytes");
        }

        String pubkey = root.has("pubkey") ? text(root, "pubkey", "pubkey") : "";
        if (!pubkey.isEmpty()) {
            hexString(pubkey, "pubkey");
        }
        String description = root.has("description") ? text(root, "description", "description") : "";
        String path = text(root, "path", "path");
        UUID uuid;
        try {
            uuid = UUID.fromString(text(root, "uuid", "uuid"));
        } catch (IllegalArgumentException e) {
            throw new KeystoreException(Reason.MALFORMED, "uuid is not a UUID");
        }
        return new Eip2335Keystore(kdf, checksumMessage, iv, message, description, pubkey, path, uuid);
    }

    private static Kdf readKdf(JsonNode kdf) throws KeystoreException {
        String fn = text(kdf, "function", "crypto.kdf.function");
        JsonNode params = object(kdf, "params", "crypto.kdf.params");
        String message = text(kdf, "message", "crypto.kdf.message");
        if (!message.isEmpty()) {
            throw new KeystoreException(Reason.INVALID_PARAMS, "crypto.kdf.message must be empty");
        }
        switch (fn) {
            case "scrypt":
                return Kdf.Scrypt.checked(integer(params, "dklen", "scrypt dklen"), integer(params, "n", "scrypt n"),
                    integer(params, "r", "scrypt r"), integer(params, "p", "scrypt p"),
                    hex(params, "salt", "scrypt salt"));
            case "pbkdf2":
                return Kdf.Pbkdf2.checked(integer(params, "dklen", "pbkdf2 dklen"), integer(params, "c", "pbkdf2 c"),
                    text(params, "prf", "pbkdf2 prf"), hex(params, "salt", "pbkdf2 salt"));
            default:
                throw new KeystoreException(Reason.UNSUPPORTED, "unsupported kdf '" + fn + "' (scrypt or pbkdf2)");
        }
    }

    public static byte[] write(Eip2335Keystore k) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode crypto = root.putObject("crypto");
        ObjectNode kdf = crypto.putObject("kdf");
        kdf.put("function", k.kdf().function());
        ObjectNode params = kdf.putObject("params");
        params.put("dklen", k.kdf().dklen());
        if (k.kdf() instanceof Kdf.Scrypt s) {
            params.put("n", s.n()).put("p", s.p()).put("r", s.r());
        } else if (k.kdf() instanceof Kdf.Pbkdf2 p) {
            params.put("c", p.c()).put("prf", Kdf.Pbkdf2.PRF);
        }
        params.put("salt", Bytes.toHex(k.kdf().salt()));
        kdf.put("message", "");
        ObjectNode checksum = crypto.putObject("checksum");
        checksum.put("function", "sha256");
        checksum.putObject("params");
        checksum.put("message", Bytes.toHex(k.checksum()));
        ObjectNode cipher = crypto.putObject("cipher");
        cipher.put("function", "aes-128-ctr");
        cipher.putObject("params").put("iv", Bytes.toHex(k.iv()));
        cipher.put("message", Bytes.toHex(k.cipherMessage()));
        root.put("description", k.description());
        root.put("pubkey", k.pubkey());
        root.put("path", k.path());
        root.put("uuid", k.uuid().toString());
        root.put("version", Eip2335Keystore.VERSION);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a keystore tree", e);
        }
    }

    private static JsonNode object(JsonNode parent, String field, String name) throws KeystoreException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw new KeystoreException(Reason.MALFORMED, "keystore field " + name + " must be an object");
        }
        return n;
    }

    private static String text(JsonNode parent, String field, String name) throws KeystoreException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw new KeystoreException(Reason.MALFORMED, "keystore field " + name + " must be a string");
        }
        return n.textValue();
    }

    private static long integer(JsonNode parent, String field, String name) throws KeystoreException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new KeystoreException(Reason.MALFORMED, "keystore field " + name + " must be an integer");
        }
        return n.longValue();
    }

    private static byte[] hex(JsonNode parent, String field, String name) throws KeystoreException {
        return hexString(text(parent, field, name), name);
    }

    private static byte[] hexString(String s, String name) throws KeystoreException {
        if (s.startsWith("0x") || s.startsWith("0X")) {
            throw new KeystoreException(Reason.MALFORMED, name + " must be hex without a 0x prefix");
        }
        try {
            return Bytes.fromHex(s);
        } catch (IllegalArgumentException e) {
            throw new KeystoreException(Reason.MALFORMED, name + ": " + e.getMessage());
        }
    }
}
