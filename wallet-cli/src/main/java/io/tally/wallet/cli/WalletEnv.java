package io.tally.wallet.cli;

import java.io.Console;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the CLI takes from its surroundings, so tests can run it in-process: environment
 * variables, the terminal, stdin, randomness, time and the pause between polls.
 *
 * @param stderrIsTerminal whether to draw the progress spinner (only ever on stderr)
 */
public record WalletEnv(Map<String, String> env, PasswordPrompt prompt, InputStream stdin, SecureRandom random,
        Clock clock, Pacer pacer, boolean stderrIsTerminal) {

    public WalletEnv {
        env = Map.copyOf(env);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pacer, "pacer");
    }

    /** Reads a password from the terminal without echo; null when there is no terminal. */
    @FunctionalInterface
    public interface PasswordPrompt {
        char[] read(String prompt);
    }

    /** Waits between two polls of the node. */
    @FunctionalInterface
    public interface Pacer {
        void pause(Duration d) throws InterruptedException;
    }

    /** The real process environment. */
    public static WalletEnv system() {
        Console console = System.console();
        PasswordPrompt prompt = console == null ? null : p -> console.readPassword("%s", p);
        return new WalletEnv(System.getenv(), prompt, System.in, new SecureRandom(), Clock.systemUTC(),
            d -> Thread.sleep(d.toMillis()), console != null);
    }

    public String get(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
