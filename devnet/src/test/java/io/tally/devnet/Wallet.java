package io.tally.devnet;

import io.tally.crypto.Address;
import io.tally.wallet.WalletCli;
import io.tally.wallet.cli.WalletEnv;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real wallet CLI ({@link WalletCli}, the {@code tally-wallet} program) run in-process through
 * picocli, with its own keystore and password file. Only the process boundary is skipped: the
 * arguments, output and exit status are exactly those of the command line.
 */
final class Wallet {
    /** What one command printed and returned. */
    record Result(int exitCode, String out, String err) {
        Result assertOk(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + ": wallet exited " + exitCode + "\nstdout: " + out + "\nstderr: " + err);
            }
            return this;
        }
    }

    private final Path keystore;
    private final Path passwordFile;

    Wallet(Path home) throws IOException {
        Files.createDirectories(home);
        this.keystore = home.resolve("keystore");
        this.passwordFile = home.resolve("password");
        Files.writeString(passwordFile, "e2e-test-password-" + Long.toHexString(new SecureRandom().nextLong()));
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    /** Creates a key (with a cheap KDF: test keys only) and returns its address. */
    Address newKey(String name) {
        run("keys", "new", name, "--scrypt-n", "1024").assertOk("keys new " + name);
        return Address.parse(run("address", name).assertOk("address " + name).out().strip());
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--keystore", keystore.toString(), "--password-file",
            passwordFile.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the wallet's own --wait poll interval comes from its production environment
        WalletEnv env = new WalletEnv(Map.of(), null, InputStream.nullInputStream(), new SecureRandom(),
            Clock.systemUTC(), WalletEnv.system().pacer(), false);
        int code = WalletCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
