package io.tally.wallet;

import io.tally.wallet.cli.AddressCommand;
import io.tally.wallet.cli.BalanceCommand;
import io.tally.wallet.cli.BlockCommand;
import io.tally.wallet.cli.KeysCommand;
import io.tally.wallet.cli.RecordCommand;
import io.tally.wallet.cli.SendRawCommand;
import io.tally.wallet.cli.SignCommand;
import io.tally.wallet.cli.TransferCommand;
import io.tally.wallet.cli.TxCommand;
import io.tally.wallet.cli.WalletEnv;
import io.tally.wallet.cli.WalletOptions;
import io.tally.wallet.verify.VerificationException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code tally-wallet} command line. Exit status: 0 success, 1 failure (one line on stderr,
 * {@code VERIFICATION FAILED: ...} when a node's answer does not check out), 2 usage error.
 */
@Command(name = "tally-wallet", mixinStandardHelpOptions = true, version = "tally-wallet 0.1.0",
    description = "Keys, transfers, records and verified reads for a Tally ledger.",
    subcommands = {KeysCommand.class, AddressCommand.class, BalanceCommand.class, TransferCommand.class,
        RecordCommand.class, TxCommand.class, BlockCommand.class, SignCommand.class, SendRawCommand.class},
    usageHelpAutoWidth = true)
public final class WalletCli implements Runnable {
    @Mixin
    WalletOptions options;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final WalletEnv env;

    public WalletCli(WalletEnv env) {
        this.env = env;
    }

    public WalletEnv env() {
        return env;
    }

    public WalletOptions options() {
        return options;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** A configured picocli instance writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(WalletEnv env, PrintWriter out, PrintWriter err) {
        WalletCli cli = new WalletCli(env);
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(failureLine(e));
            commandLine.getErr().flush();
            return 1;
        });
        cmd.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("error: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                + " --help')");
            w.flush();
            return 2;
        });
        return cmd;
    }

    static String failureLine(Exception e) {
        if (e instanceof VerificationException) {
            return "VERIFICATION FAILED: " + e.getMessage();
        }
        if (e instanceof WalletException || e instanceof io.tally.wallet.keystore.KeystoreException) {
            return "error: " + e.getMessage();
        }
        return "error: internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
            + e.getMessage().split("\n")[0]);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(WalletEnv.system(), out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
