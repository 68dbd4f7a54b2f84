package io.tally.genesis;

import io.tally.crypto.SignDomain;
import io.tally.ledger.block.ValidatorSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code genesis new} is asked to build: a chain of {@code validators} nodes on one host with
 * consecutive p2p and RPC ports starting at the given bases.
 */
public record NetworkSpec(String chainId, int validators, String host, int baseP2pPort, int baseRpcPort,
        Instant genesisTime, List<Allocation> alloc, ConsensusParams consensus) {
    public NetworkSpec {
        SignDomain.checkChainId(chainId);
        if (validators < 1 || validators > ValidatorSet.MAX_VALIDATORS) {
            throw new IllegalArgumentException("--validators must be between 1 and " + ValidatorSet.MAX_VALIDATORS
                    + ", got " + validators);
        }
        P2pAddress.checkHost(host);
        checkPorts(baseP2pPort, validators, "--base-p2p-port");
        checkPorts(baseRpcPort, validators, "--base-rpc-port");
        if (baseP2pPort < baseRpcPort + validators && baseRpcPort < baseP2pPort + validators) {
            throw new IllegalArgumentException("p2p ports " + range(baseP2pPort, validators) + " overlap rpc ports "
                    + range(baseRpcPort, validators));
        }
        Genesis.checkTime(genesisTime);
        alloc = List.copyOf(alloc);
        Objects.requireNonNull(consensus, "consensus");
    }

    private static void checkPorts(int base, int n, String option) {
        if (base < 1 || (long) base + n - 1 > 65535) {
            throw new IllegalArgumentException(option + " " + base + " with " + n + " validators needs ports "
                    + range(base, n) + "; they must lie within 1..65535");
        }
    }

    private static String range(int base, int n) {
        return base + ".." + ((long) base + n - 1);
    }

    /** True when {@code host} is an IP literal rather than a DNS name. */
    boolean hostIsIpLiteral() {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** The multiaddr other validators dial validator {@code i} at. */
    P2pAddress p2pAddress(int i) {
        String proto = host.contains(":") ? "ip6" : hostIsIpLiteral() ? "ip4" : "dns";
        return P2pAddress.parse("/" + proto + "/" + host + "/tcp/" + (baseP2pPort + i));
    }

    /**
     * Where validator {@code i} listens and serves RPC: the host itself when it is an IP literal;
     * all interfaces when it is a DNS name (the name is how others reach this machine).
     */
    String bindHost() {
        return hostIsIpLiteral() ? host : "0.0.0.0";
    }

    P2pAddress listenAddress(int i) {
        String proto = bindHost().contains(":") ? "ip6" : "ip4";
        return P2pAddress.parse("/" + proto + "/" + bindHost() + "/tcp/" + (baseP2pPort + i));
    }
}
