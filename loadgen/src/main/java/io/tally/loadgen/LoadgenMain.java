package io.tally.loadgen;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code tally-loadgen}. */
@Command(name = "tally-loadgen", mixinStandardHelpOptions = true, version = "tally-loadgen 0.1.0",
    description = "Load generator and system benchmark for a Tally network of real node processes on 127.0.0.1.",
    subcommands = {BenchCommand.class, CeilingCommand.class, CommandLine.HelpCommand.class})
public final class LoadgenMain implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new LoadgenMain())
            .setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println("tally-loadgen: " + e.getMessage());
                return 1;
            })
            .execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
