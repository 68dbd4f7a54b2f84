package io.tally.wallet.cli;

import io.tally.wallet.WalletException;
import io.tally.wallet.keystore.KeystoreDir;
import io.tally.wallet.rpc.JsonRpcClient;
import io.tally.wallet.rpc.NodeApi;
import io.tally.wallet.verify.ReadVerifier;
import io.tally.wallet.verify.TrustAnchor;
import io.tally.wallet.verify.TrustAnchorFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts (before or after the command name), with their environment
 * fallbacks. Values are resolved lazily, so {@code keys list} never needs a node and
 * {@code balance} never touches the keystore.
 */
public final class WalletOptions {
    public static final String DEFAULT_RPC = "http://127.0.0.1:8545";
    static final int DEFAULT_TIMEOUT_SECONDS = 60;

    @Option(names = "--rpc", paramLabel = "URL", scope = ScopeType.INHERIT,
        description = "Node JSON-RPC endpoint (env TALLY_RPC; default " + DEFAULT_RPC + ").")
    String rpc;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable JSON output on stdout.")
    boolean json;

    @Option(names = "--keystore", paramLabel = "DIR", scope = ScopeType.INHERIT,
        description = "Keystore directory (env TALLY_KEYSTORE; default $HOME/.tally/keystore).")
    Path keystore;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
        description = "Read the key password from FILE (else env TALLY_PASSWORD, else a prompt).")
    Path passwordFile;

    @Option(names = "--genesis", paramLabel = "FILE", scope = ScopeType.INHERIT,
        description = "Trusted genesis or validator-set file; reads are verified against it (env TALLY_GENESIS).")
    Path genesis;

    @Option(names = "--no-verify", scope = ScopeType.INHERIT,
        description = "Trust the node: skip certificate and proof checks.")
    boolean noVerify;

    @Option(names = "--timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT,
        description = "Deadline for --wait and for each request (default " + DEFAULT_TIMEOUT_SECONDS + ").")
    Integer timeoutSeconds;

    private NodeApi node;

    public boolean json() {
        return json;
    }

    public Duration timeout() {
        int s = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        if (s < 1 || s > 86_400) {
            throw new WalletException("--timeout must be 1..86400 seconds");
        }
        return Duration.ofSeconds(s);
    }

    public NodeApi node(WalletEnv env) {
        if (node == null) {
            String url = rpc != null ? rpc : env.get("TALLY_RPC") != null ? env.get("TALLY_RPC") : DEFAULT_RPC;
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new WalletException("--rpc is not a URL: " + url);
            }
            node = new JsonRpcClient(uri, timeout().compareTo(Duration.ofSeconds(30)) < 0 ? timeout()
                : Duration.ofSeconds(30));
        }
        return node;
    }

    public KeystoreDir keystore(WalletEnv env) {
        Path dir = keystore;
        if (dir == null && env.get("TALLY_KEYSTORE") != null) {
            dir = Path.of(env.get("TALLY_KEYSTORE"));
        }
        if (dir == null) {
            String home = env.get("HOME") != null ? env.get("HOME") : System.getProperty("user.home");
            dir = Path.of(home, ".tally", "keystore");
        }
        return new KeystoreDir(dir, env.random());
    }

    Passwords passwords(WalletEnv env) {
        return new Passwords(passwordFile, env);
    }

    /** The trust anchor, if the user gave one. */
    public Optional<TrustAnchor> anchor(WalletEnv env) {
        Path file = genesis;
        if (file == null && env.get("TALLY_GENESIS") != null) {
            file = Path.of(env.get("TALLY_GENESIS"));
        }
        return file == null ? Optional.empty() : Optional.of(TrustAnchorFile.read(file));
    }

    /**
     * The verifier for a read, or empty with {@code --no-verify}. Safe default: with neither a
     * trusted file nor {@code --no-verify} the command refuses instead of silently trusting.
     */
    public Optional<ReadVerifier> verifier(WalletEnv env) {
        if (noVerify) {
            return Optional.empty();
        }
        return Optional.of(new ReadVerifier(anchor(env).orElseThrow(() -> new WalletException(
            "this command checks what the node says against a trusted validator set: pass --genesis FILE "
                + "(or set TALLY_GENESIS), or --no-verify to trust the node"))));
    }
}
