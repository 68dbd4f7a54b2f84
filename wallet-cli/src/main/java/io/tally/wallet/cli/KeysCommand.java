package io.tally.wallet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Bytes;
import io.tally.crypto.Ed25519;
import io.tally.crypto.KeyPair;
import io.tally.wallet.WalletException;
import io.tally.wallet.keystore.Kdf;
import io.tally.wallet.keystore.KeystoreDir;
import io.tally.wallet.keystore.KeystoreException;
import io.tally.wallet.keystore.KeystoreJson;
import io.tally.wallet.keystore.StoredKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage keys in the encrypted keystore.",
    subcommands = {KeysCommand.New.class, KeysCommand.ListKeys.class, KeysCommand.Show.class, KeysCommand.Import.class,
        KeysCommand.Export.class})
public final class KeysCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a keys subcommand: new, list, show, import or export");
    }

    /** Options for the cost of a new keystore's KDF. */
    static final class KdfOption {
        @Option(names = "--scrypt-n", paramLabel = "N",
            description = "scrypt cost for the new keystore file, a power of two 2^10..2^20 (default 2^18 = 262144; "
                + "lower only for tests).")
        int scryptN = 1 << 18;

        Kdf kdf(KeystoreDir dir) {
            if (scryptN < (1 << 10) || scryptN > Kdf.Scrypt.MAX_N || Integer.bitCount(scryptN) != 1) {
                throw new WalletException("--scrypt-n must be a power of two from 1024 to " + Kdf.Scrypt.MAX_N);
            }
            return dir.newScrypt(scryptN);
        }
    }

    static ObjectNode describe(WalletCommand c, StoredKey k) {
        ObjectNode o = c.object();
        o.put("name", k.name()).put("address", k.address().toString()).put("publicKey", k.publicKey().toHex())
            .put("file", k.file().toString());
        return o;
    }

    static void printKey(WalletCommand c, StoredKey k) {
        if (c.opts().json()) {
            c.printJson(describe(c, k));
        } else {
            Table.keyValues(c.out(), "name", k.name(), "address", k.address(), "public key", k.publicKey().toHex(),
                "file", k.file(), "kdf", k.keystore().kdf());
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Create a key and store it encrypted.")
    static final class New extends WalletCommand {
        @Parameters(paramLabel = "NAME", description = "A name for the key (letters, digits, '.', '_', '-').")
        String name;

        @picocli.CommandLine.Mixin
        KdfOption kdf;

        @Override
        public Integer call() {
            KeystoreDir.checkName(name);
            KeystoreDir dir = keystore();
            char[] pw = opts().passwords(env()).get("New password", true);
            KeyPair keys = Ed25519.generate(env().random());
            StoredKey k = dir.store(name, dir.seal(keys, pw, kdf.kdf(dir), name));
            Arrays.fill(pw, '\0');
            printKey(this, k);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored keys.")
    static final class ListKeys extends WalletCommand {
        @Override
        public Integer call() {
            List<String> skipped = new ArrayList<>();
            List<StoredKey> keys = keystore().list(skipped);
            for (String s : skipped) {
                err().println("warning: skipped " + s);
            }
            if (opts().json()) {
                ArrayNode a = JSON.createArrayNode();
                keys.forEach(k -> a.add(describe(this, k)));
                printJson(a);
            } else if (keys.isEmpty()) {
                out().println("no keys in " + keystore().dir());
            } else {
                Table t = new Table("NAME", "ADDRESS", "FILE");
                keys.forEach(k -> t.row(k.name(), k.address(), k.file()));
                t.print(out());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a key's address and public key.")
    static final class Show extends WalletCommand {
        @Parameters(paramLabel = "KEY", description = "Key name or address.")
        String key;

        @Override
        public Integer call() {
            printKey(this, key(key));
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an EIP-2335 keystore file, or a raw hex seed with --seed-file, under NAME.")
    static final class Import extends WalletCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Name for the imported key.")
        String name;

        @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "EIP-2335 keystore holding a 32-byte Ed25519 seed.")
        Path file;

        @Option(names = "--seed-file", paramLabel = "FILE", description = "A file with the 32-byte seed in hex.")
        Path seedFile;

        @picocli.CommandLine.Mixin
        KdfOption kdf;

        @Override
        public Integer call() {
            KeystoreDir.checkName(name);
            if ((file == null) == (seedFile == null)) {
                throw new WalletException("give exactly one of FILE (a keystore) or --seed-file");
            }
            KeystoreDir dir = keystore();
            KeyPair keys;
            char[] pw;
            if (file != null) {
                StoredKey source = dir.read(file);
                pw = opts().passwords(env()).get("Password of " + file.getFileName(), false);
                try {
                    keys = KeystoreDir.unlock(source.keystore(), pw);
                } catch (KeystoreException e) {
                    throw new WalletException("cannot open " + file + ": " + e.getMessage());
                }
            } else {
                keys = KeyPair.fromSeed(readSeed(seedFile));
                pw = opts().passwords(env()).get("New password", true);
            }
            // Re-sealed with a fresh salt and IV under our KDF choice: the stored file is always ours.
            StoredKey k = dir.store(name, dir.seal(keys, pw, kdf.kdf(dir), name));
            Arrays.fill(pw, '\0');
            printKey(this, k);
            return 0;
        }

        private static byte[] readSeed(Path f) {
            try {
                if (Files.size(f) > 1024) {
                    throw new WalletException("seed file " + f + " is too large");
                }
                return Bytes.fromHex(Files.readString(f, StandardCharsets.US_ASCII).trim(), Ed25519.SEED_LENGTH, "seed");
            } catch (IOException e) {
                throw new WalletException("cannot read seed file " + f + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new WalletException("seed file " + f + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a key's encrypted EIP-2335 keystore (or, with --seed, its raw secret seed).")
    static final class Export extends WalletCommand {
        @Parameters(paramLabel = "KEY", description = "Key name or address.")
        String key;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (created 0600, never overwritten) "
            + "instead of stdout.")
        Path outFile;

        @Option(names = "--seed", description = "Export the unencrypted 32-byte seed in hex (asks for the password).")
        boolean seed;

        @Override
        public Integer call() {
            StoredKey k = key(key);
            byte[] payload;
            if (seed) {
                byte[] s = unlock(k).seed();
                payload = (Bytes.toHex(s) + "\n").getBytes(StandardCharsets.US_ASCII);
                Arrays.fill(s, (byte) 0);
                err().println("warning: this is the unencrypted secret key; anyone holding it controls the account");
            } else {
                payload = KeystoreJson.write(k.keystore());
            }
            if (outFile == null) {
                out().print(new String(payload, StandardCharsets.US_ASCII));
                if (!seed) {
                    out().println();
                }
                out().flush();
            } else {
                writeOwnerOnly(outFile, payload);
                if (!opts().json()) {
                    out().println("wrote " + outFile);
                } else {
                    printJson(object().put("file", outFile.toString()));
                }
            }
            return 0;
        }

        static void writeOwnerOnly(Path f, byte[] bytes) {
            try {
                boolean posix = f.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
                if (posix) {
                    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(f);
                }
                Files.write(f, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            } catch (FileAlreadyExistsException e) {
                throw new WalletException(f + " already exists; not overwriting it");
            } catch (IOException e) {
                throw new WalletException("cannot write " + f + ": " + e.getMessage());
            }
        }
    }

}
