package io.tally.genesis;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code genesis hash FILE}: the canonical genesis hash in hex. */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = {"Print the canonical genesis hash (hex SHA-256 of the binary encoding in docs/genesis.md).",
            "Reformatting the JSON does not change it; changing any value does."})
final class HashCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;

    @Parameters(index = "0", paramLabel = "FILE", description = "the genesis.json to hash")
    private Path file;

    HashCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            out.println(GenesisJson.read(file).hash().toHex());
            return GenesisCli.OK;
        } catch (InvalidFileException e) {
            ValidateCommand.printProblems(err, e);
            return GenesisCli.INVALID;
        }
    }
}
