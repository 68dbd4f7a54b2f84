package io.tally.wallet.testnet;

import io.tally.wallet.WalletCli;
import io.tally.wallet.cli.WalletEnv;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the wallet command line in-process with captured output. */
public final class WalletRun {
    public final Map<String, String> env = new HashMap<>();
    public WalletEnv.Pacer pacer = d -> {
        throw new AssertionError("this test does not expect the wallet to wait");
    };
    public WalletEnv.PasswordPrompt prompt;
    public String stdin = "";
    public Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        WalletEnv e = new WalletEnv(env, prompt, new ByteArrayInputStream(stdin.getBytes()), new SecureRandom(), clock,
            pacer, false);
        int code = WalletCli.commandLine(e, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }
}
