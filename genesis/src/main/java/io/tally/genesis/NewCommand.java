package io.tally.genesis;

import io.tally.crypto.Address;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code genesis new}: keys, genesis.json and one node config per validator. */
@Command(name = "new", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate N validator keys, a genesis.json and one node config per validator under DIR.",
            "Key files are created owner-only (0600) inside owner-only (0700) node directories."})
final class NewCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final SecureRandom random;

    @Option(names = "--validators", required = true, paramLabel = "N", description = "number of validators (>= 1)")
    private int validators;

    @Option(names = "--chain-id", required = true, paramLabel = "ID",
            description = "chain id: 1..64 of letters, digits, '.', '_', '-'")
    private String chainId;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    private Path outDir;

    @Option(names = "--alloc", paramLabel = "ADDRESS=AMOUNT",
            description = "initial balance for a tly1... address; repeatable")
    private List<String> alloc = new ArrayList<>();

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "host the validators are reached at (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = "--base-p2p-port", defaultValue = "26656",
            description = "p2p port of node0; node i uses base+i (default: ${DEFAULT-VALUE})")
    private int baseP2pPort;

    @Option(names = "--base-rpc-port", defaultValue = "8545",
            description = "RPC port of node0; node i uses base+i (default: ${DEFAULT-VALUE})")
    private int baseRpcPort;

    @Option(names = "--genesis-time", paramLabel = "RFC3339",
            description = "genesis time in UTC, e.g. 2025-01-01T00:00:00Z (default: now, whole seconds)")
    private String genesisTime;

    @Option(names = "--force", description = "replace genesis.json and node<i> directories (with their data) in a"
            + " non-empty DIR")
    private boolean force;

    NewCommand(PrintWriter out, PrintWriter err, Clock clock, SecureRandom random) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Integer call() {
        NetworkSpec spec;
        try {
            Instant time = genesisTime == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS)
                    : GenesisJson.parseTime(genesisTime);
            spec = new NetworkSpec(chainId, validators, host, baseP2pPort, baseRpcPort, time, parseAlloc(alloc),
                    ConsensusParams.DEFAULTS);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return GenesisCli.INVALID;
        }
        Network network = Network.generate(spec, random);
        List<Path> configs;
        try {
            configs = new NetworkWriter(err::println).write(network, outDir, force);
        } catch (NetworkWriter.OutputDirectoryException e) {
            err.println("error: " + e.getMessage());
            return GenesisCli.INVALID;
        } catch (IOException e) {
            err.println("error: cannot write " + outDir + ": " + StrictJson.describe(e));
            return GenesisCli.INVALID;
        }
        Genesis g = network.genesis();
        out.println("wrote " + outDir.resolve(Network.GENESIS_FILE) + " (chain " + g.chainId() + ", "
                + g.validators().size() + " validator(s), " + g.alloc().size() + " allocation(s))");
        out.println("genesis hash " + g.hash().toHex());
        for (int i = 0; i < configs.size(); i++) {
            NodeConfig c = network.nodeConfig(i, outDir);
            out.println(c.name() + ": " + configs.get(i) + "  p2p " + g.validators().get(i).p2pAddress() + "  rpc "
                    + c.rpcHost() + ":" + c.rpcPort());
        }
        return GenesisCli.OK;
    }

    /** {@code ADDRESS=AMOUNT} pairs; duplicate addresses and an overflowing total are errors. */
    static List<Allocation> parseAlloc(List<String> specs) {
        List<Allocation> out = new ArrayList<>();
        Set<Address> seen = new HashSet<>();
        BigInteger total = BigInteger.ZERO;
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--alloc " + JsonPath.quote(s) + ": expected ADDRESS=AMOUNT");
            }
            Address a;
            try {
                a = Address.parse(s.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--alloc " + JsonPath.quote(s) + ": " + e.getMessage());
            }
            String amount = s.substring(eq + 1);
            if (!amount.matches("[1-9][0-9]{0,18}") || new BigInteger(amount).bitLength() > 63) {
                throw new IllegalArgumentException("--alloc " + JsonPath.quote(s)
                        + ": amount must be an integer from 1 to 2^63-1 (" + Long.MAX_VALUE + ")");
            }
            if (!seen.add(a)) {
                throw new IllegalArgumentException("--alloc: address " + a + " given twice");
            }
            long v = Long.parseLong(amount);
            total = total.add(BigInteger.valueOf(v));
            out.add(new Allocation(a, v));
        }
        if (total.bitLength() > 63) {
            throw new IllegalArgumentException("--alloc: total supply " + total + " exceeds 2^63-1");
        }
        return out;
    }
}
