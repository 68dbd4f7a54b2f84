package io.tally.node;

import io.tally.node.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code tally-node} program. */
@Command(name = "tally-node", mixinStandardHelpOptions = true, version = "tally-node 0.1.0",
    description = "A Tally validator (or observer) node.",
    subcommands = {RunCommand.class, CommandLine.HelpCommand.class})
public final class NodeMain implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new NodeMain())
            .setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println("tally-node: " + e.getMessage());
                return 1;
            })
            .execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
