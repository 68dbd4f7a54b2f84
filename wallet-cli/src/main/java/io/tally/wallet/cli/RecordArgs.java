package io.tally.wallet.cli;

import io.tally.crypto.Bytes;
import io.tally.ledger.tx.RecordPayload;
import io.tally.wallet.WalletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a record key and value are given on the command line: UTF-8 text, hex, or a file. */
final class RecordArgs {
    static final class Key {
        @Option(names = "--key", paramLabel = "TEXT", description = "Record key as UTF-8 text.")
        String text;

        @Option(names = "--key-hex", paramLabel = "HEX", description = "Record key as hex bytes.")
        String hex;

        byte[] bytes() {
            byte[] b = text != null ? text.getBytes(StandardCharsets.UTF_8) : parseHex(hex, "--key-hex");
            if (b.length == 0 || b.length > RecordPayload.MAX_KEY_LENGTH) {
                throw new WalletException("record key must be 1.." + RecordPayload.MAX_KEY_LENGTH + " bytes, got " + b.length);
            }
            return b;
        }
    }

    static final class Value {
        @Option(names = "--value", paramLabel = "TEXT", description = "Value as UTF-8 text.")
        String text;

        @Option(names = "--value-hex", paramLabel = "HEX", description = "Value as hex bytes.")
        String hex;

        @Option(names = "--value-file", paramLabel = "FILE", description = "Value from a file (at most 4096 bytes).")
        Path file;

        byte[] bytes() {
            byte[] b;
            if (text != null) {
                b = text.getBytes(StandardCharsets.UTF_8);
            } else if (hex != null) {
                b = parseHex(hex, "--value-hex");
            } else {
                try {
                    if (Files.size(file) > RecordPayload.MAX_VALUE_LENGTH) {
                        throw new WalletException("--value-file is larger than " + RecordPayload.MAX_VALUE_LENGTH + " bytes");
                    }
                    b = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new WalletException("cannot read " + file + ": " + e.getMessage());
                }
            }
            if (b.length > RecordPayload.MAX_VALUE_LENGTH) {
                throw new WalletException("record value must be at most " + RecordPayload.MAX_VALUE_LENGTH + " bytes");
            }
            return b;
        }
    }


    static byte[] parseHex(String hex, String option) {
        try {
            return Bytes.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw new WalletException(option + ": " + e.getMessage());
        }
    }

    /** Text when the bytes are printable UTF-8, else hex. */
    static String show(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        boolean printable = java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), b)
            && s.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f);
        return printable ? s : "0x" + Bytes.toHex(b);
    }
}
