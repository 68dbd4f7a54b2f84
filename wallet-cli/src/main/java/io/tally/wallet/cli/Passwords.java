package io.tally.wallet.cli;

import io.tally.wallet.WalletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a password comes from, in order: {@code --password-file}, the {@code TALLY_PASSWORD}
 * environment variable, a terminal prompt without echo. With none of them the command fails
 * rather than hang on a pipe.
 */
final class Passwords {
    static final String ENV = "TALLY_PASSWORD";
    static final int MAX_FILE_BYTES = 4096;

    private final Path file;
    private final WalletEnv env;

    Passwords(Path file, WalletEnv env) {
        this.file = file;
        this.env = env;
    }

    /** @param confirm ask twice on a terminal (for new keys) */
    char[] get(String prompt, boolean confirm) {
        char[] pw;
        if (file != null) {
            pw = fromFile(file);
        } else if (env.get(ENV) != null) {
            pw = env.get(ENV).toCharArray();
        } else if (env.prompt() != null) {
            pw = env.prompt().read(prompt + ": ");
            if (pw == null) {
                throw new WalletException("no password entered");
            }
            if (confirm) {
                char[] again = env.prompt().read("Repeat " + prompt.toLowerCase() + ": ");
                if (again == null || !Arrays.equals(pw, again)) {
                    throw new WalletException("the two passwords differ");
                }
            }
        } else {
            throw new WalletException("a password is needed: pass --password-file FILE, set " + ENV
                + ", or run in a terminal");
        }
        if (confirm && pw.length == 0) {
            throw new WalletException("refusing an empty password for a new key");
        }
        return pw;
    }

    private static char[] fromFile(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new WalletException("password file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WalletException("cannot read password file " + file + ": " + e.getMessage());
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        // One trailing line ending is how editors save files, not part of the password.
        if (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        Arrays.fill(bytes, (byte) 0);
        return s.toCharArray();
    }
}
