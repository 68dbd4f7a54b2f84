package io.tally.genesis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Bytes;
import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A validator's node key: plaintext JSON {@code {"type":"ed25519","publicKey":hex,"privateKey":hex}}
 * where {@code privateKey} is the 32-byte RFC 8032 seed. Like CometBFT's priv_validator_key.json
 * it is unencrypted (a node must restart unattended); its protection is file permissions, so the
 * writer creates it owner-only (0600) in one step and the reader refuses a file that group or
 * others can access, as ssh does for private keys.
 */
public final class NodeKeyFile {
    public static final String TYPE = "ed25519";
    private static final long MAX_BYTES = 4096;
    private static final Set<String> FIELDS = Set.of("type", "publicKey", "privateKey");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private NodeKeyFile() {}

    /**
     * Creates {@code file} (which must not exist) holding {@code key}, with permissions 0600 set
     * at creation so the secret is never readable by others, not even briefly. On a file system
     * without POSIX permissions it writes the file anyway and reports a warning.
     */
    public static void write(Path file, KeyPair key, Consumer<String> warnings) throws IOException {
        byte[] json = render(key);
        try {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnly)) {
                writeAndSync(ch, json);
            }
        } catch (UnsupportedOperationException e) {
            warnings.accept("warning: " + file + ": file system has no POSIX permissions; protect this key file"
                    + " by other means");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeAndSync(ch, json);
            }
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    private static void writeAndSync(FileChannel ch, byte[] json) throws IOException {
        OutputStream out = Channels.newOutputStream(ch);
        out.write(json);
        out.flush();
        ch.force(true);
    }

    private static byte[] render(KeyPair key) throws IOException {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(256);
        try (JsonGenerator j = new JsonFactory().createGenerator(buf).useDefaultPrettyPrinter()) {
            j.writeStartObject();
            j.writeStringField("type", TYPE);
            j.writeStringField("publicKey", key.publicKey().toHex());
            j.writeStringField("privateKey", Bytes.toHex(key.seed()));
            j.writeEndObject();
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    /** Reads a key file, refusing one that is group- or world-accessible. */
    public static KeyPair read(Path file) throws InvalidFileException {
        return read(file, w -> { });
    }

    /**
     * Reads a key file. Checks, in order: it is a regular file, no group/other permission bits
     * (skipped with a warning on a non-POSIX file system), at most 4 KiB of strict JSON with
     * exactly the three fields, and a public key that matches the seed.
     */
    public static KeyPair read(Path file, Consumer<String> warnings) throws InvalidFileException {
        if (!Files.isRegularFile(file)) {
            throw InvalidFileException.of(file, "", Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? "not a regular file" : "key file does not exist");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw InvalidFileException.of(file, "", "permissions " + octal(perms)
                        + " are too open: a private key must be readable by its owner only; run chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            warnings.accept("warning: " + file + ": cannot check permissions on this file system");
        } catch (IOException e) {
            throw InvalidFileException.of(file, "", "cannot read permissions: " + StrictJson.describe(e));
        }
        List<Problem> problems = new ArrayList<>();
        JsonNode root = StrictJson.readFile(file, MAX_BYTES, problems);
        // The JSON parser quotes the offending token, which could be part of the secret.
        problems.replaceAll(p -> p.message().startsWith("not valid JSON")
                ? new Problem("", "not valid JSON (details withheld: the file holds a private key)") : p);
        Fields f = Fields.of(root, "", problems, FIELDS);
        KeyPair key = f == null ? null : fromFields(f, problems);
        if (!problems.isEmpty() || key == null) {
            throw new InvalidFileException(file, problems.isEmpty() ? List.of(new Problem("", "invalid")) : problems);
        }
        return key;
    }

    private static KeyPair fromFields(Fields f, List<Problem> problems) {
        String type = f.string("type");
        if (type != null && !type.equals(TYPE)) {
            problems.add(new Problem("type", "unsupported key type " + JsonPath.quote(type) + "; expected \"" + TYPE
                    + "\""));
        }
        PublicKey pub = GenesisJson.checked(f.string("publicKey"), "publicKey", problems, Keys::parsePublicKey);
        String seedHex = f.string("privateKey");
        KeyPair key = null;
        if (seedHex != null) {
            if (!HEX64.matcher(seedHex).matches()) {
                // Never echo any part of a private key into an error message or a log.
                problems.add(new Problem("privateKey", "not 32 bytes of hex (64 hex digits)"));
            } else {
                key = KeyPair.fromSeed(Bytes.fromHex(seedHex));
            }
        }
        if (key != null && pub != null && !key.publicKey().equals(pub)) {
            problems.add(new Problem("publicKey", "does not match the private key (the file is corrupt or was edited)"));
        }
        return problems.isEmpty() ? key : null;
    }

    static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("0%o", mode);
    }
}
