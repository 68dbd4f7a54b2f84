package io.tally.genesis;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code genesis new | validate | hash}. Exit codes: 0 success, 1 invalid input or failure, 2
 * usage error. Errors are one line on stderr, never a stack trace.
 */
@Command(name = "genesis", mixinStandardHelpOptions = true, version = "genesis 0.1.0",
        description = "Create and check Tally genesis files, validator keys and node configs.",
        subcommands = {CommandLine.HelpCommand.class})
public final class GenesisCli implements Runnable {
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: new, validate or hash");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, Clock.systemUTC(), new SecureRandom(), args));
    }

    /** Runs one command line with the given streams, clock and randomness; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, Clock clock, SecureRandom random, String... args) {
        CommandLine cli = new CommandLine(new GenesisCli())
                .addSubcommand("new", new NewCommand(out, err, clock, random))
                .addSubcommand("validate", new ValidateCommand(out, err))
                .addSubcommand("hash", new HashCommand(out, err));
        cli.setOut(out).setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            err.println("error: " + e.getMessage());
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, r) -> {
            // Every expected failure is handled in the commands; this is a bug, still one line.
            err.println("error: internal failure: " + e);
            return INVALID;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
