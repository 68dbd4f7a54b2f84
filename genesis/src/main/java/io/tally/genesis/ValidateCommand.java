package io.tally.genesis;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code genesis validate FILE}: every problem, one per line, or {@code OK <hash>}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a genesis file strictly and report every problem, one per line, as",
            "<json path>: <message>. Prints OK <genesis hash> and exits 0 when the file is valid."})
final class ValidateCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;

    @Parameters(index = "0", paramLabel = "FILE", description = "the genesis.json to check")
    private Path file;

    ValidateCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            Genesis g = GenesisJson.read(file);
            out.println("OK " + g.hash().toHex());
            return GenesisCli.OK;
        } catch (InvalidFileException e) {
            printProblems(err, e);
            return GenesisCli.INVALID;
        }
    }

    static void printProblems(PrintWriter err, InvalidFileException e) {
        for (Problem p : e.problems()) {
            err.println(p);
        }
        int n = e.problems().size();
        err.println("INVALID " + e.file() + ": " + n + " problem" + (n == 1 ? "" : "s"));
    }
}
