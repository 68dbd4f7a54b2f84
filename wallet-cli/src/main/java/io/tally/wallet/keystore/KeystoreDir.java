package io.tally.wallet.keystore;

import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import io.tally.wallet.WalletException;
import io.tally.wallet.keystore.KeystoreException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A directory of Ed25519 keys, one EIP-2335 file per key named {@code <name>.json}. The directory
 * is created 0700 and files 0600 at creation time (not chmod-ed afterwards, so there is no window
 * in which a secret is readable by others). A file is never overwritten.
 */
public final class KeystoreDir {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Listing stops here: a keystore directory is for a person's keys, not a key dump. */
    public static final int MAX_KEYS = 10_000;
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final SecureRandom random;

    public KeystoreDir(Path dir, SecureRandom random) {
        this.dir = dir;
        this.random = random;
    }

    public Path dir() {
        return dir;
    }

    /** Keys in name order. Files that are not readable keystores are skipped and counted in {@code skipped}. */
    public List<StoredKey> list(List<String> skipped) {
        List<StoredKey> keys = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                if (keys.size() >= MAX_KEYS) {
                    break;
                }
                try {
                    keys.add(read(f));
                } catch (WalletException e) {
                    skipped.add(f.getFileName() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new WalletException("cannot list keystore directory " + dir + ": " + e.getMessage());
        }
        keys.sort((a, b) -> a.name().compareTo(b.name()));
        return keys;
    }

    /** The key with this name or this (tly1...) address. */
    public StoredKey find(String nameOrAddress) {
        if (nameOrAddress.startsWith(Address.HRP + "1")) {
            Address want = Address.parse(nameOrAddress);
            for (StoredKey k : list(new ArrayList<>())) {
                if (k.address().equals(want)) {
                    return k;
                }
            }
            throw new WalletException("no key for address " + nameOrAddress + " in " + dir);
        }
        checkName(nameOrAddress);
        Path f = dir.resolve(nameOrAddress + ".json");
        if (!Files.isRegularFile(f)) {
            throw new WalletException("no key named '" + nameOrAddress + "' in " + dir);
        }
        return read(f);
    }

    public StoredKey read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > KeystoreJson.MAX_FILE_BYTES) {
                throw new WalletException("not a keystore (larger than " + KeystoreJson.MAX_FILE_BYTES + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WalletException("cannot read " + file + ": " + e.getMessage());
        }
        Eip2335Keystore ks;
        try {
            ks = KeystoreJson.parse(bytes);
        } catch (KeystoreException e) {
            throw new WalletException(e.getMessage());
        }
        PublicKey pub;
        try {
            pub = PublicKey.fromHex(ks.pubkey());
        } catch (IllegalArgumentException e) {
            throw new WalletException("keystore pubkey is not a 32-byte Ed25519 key");
        }
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".json".length());
        return new StoredKey(name, pub, file, ks);
    }

    /** Decrypts a stored key and checks that the secret matches its public key. */
    public static KeyPair unlock(Eip2335Keystore ks, char[] password) throws KeystoreException {
        byte[] secret = ks.decrypt(password);
        try {
            if (secret.length != io.tally.crypto.Ed25519.SEED_LENGTH) {
                throw new KeystoreException(Reason.INVALID_PARAMS,
                    "keystore secret is " + secret.length + " bytes, an Ed25519 seed is 32");
            }
            KeyPair keys = KeyPair.fromSeed(secret);
            if (!ks.pubkey().isEmpty() && !keys.publicKey().toHex().equalsIgnoreCase(ks.pubkey())) {
                throw new KeystoreException(Reason.PUBKEY_MISMATCH,
                    "keystore pubkey does not match the decrypted key (file altered?)");
            }
            return keys;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Encrypts {@code keys} under {@code password} with {@code kdf} (fresh salt inside) into a keystore value. */
    public Eip2335Keystore seal(KeyPair keys, char[] password, Kdf kdf, String name) {
        byte[] iv = new byte[Eip2335Keystore.IV_LENGTH];
        random.nextBytes(iv);
        byte[] seed = keys.seed();
        try {
            return Eip2335Keystore.encrypt(seed, password, kdf, iv, keys.publicKey().toHex(), name,
                randomUuid());
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** A scrypt KDF with a fresh 32-byte salt. */
    public Kdf newScrypt(int n) {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        return new Kdf.Scrypt(32, n, 8, 1, salt);
    }

    /** Writes {@code ks} as {@code <name>.json}, refusing to overwrite. */
    public StoredKey store(String name, Eip2335Keystore ks) {
        checkName(name);
        PublicKey pub = PublicKey.fromHex(ks.pubkey());
        for (StoredKey k : list(new ArrayList<>())) {
            if (k.publicKey().equals(pub)) {
                throw new WalletException("this key is already stored as '" + k.name() + "'");
            }
        }
        createDir();
        Path f = dir.resolve(name + ".json");
        byte[] json = KeystoreJson.write(ks);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMS)}
            : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(f, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
            ByteBuffer buf = ByteBuffer.wrap(json);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new WalletException("a key named '" + name + "' already exists in " + dir);
        } catch (IOException e) {
            deleteQuietly(f);
            throw new WalletException("cannot write " + f + ": " + e.getMessage());
        }
        return new StoredKey(name, pub, f, ks);
    }

    private void createDir() {
        try {
            if (!Files.isDirectory(dir)) {
                boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new WalletException("cannot create keystore directory " + dir + ": " + e.getMessage());
        }
    }

    private UUID randomUuid() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo);
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new WalletException("key name must be 1-64 of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // the original error is the one worth reporting
        }
    }
}
