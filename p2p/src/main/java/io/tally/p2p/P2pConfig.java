package io.tally.p2p;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Everything a host needs. Build with {@link #builder(byte[])}.
 *
 * @param keySeed         the node's 32-byte Ed25519 seed; also its libp2p identity
 * @param listenAddresses TCP multiaddrs to listen on (port 0 picks a free one); may be empty
 * @param allowlist       peers allowed to connect (validators and configured observers)
 * @param bootstrapPeers  {@code /…/tcp/…/p2p/<id>} addresses to dial and keep redialling
 * @param limits          resource bounds
 * @param gossip          gossipsub parameters, including the message-id function
 * @param callbackExecutor where handlers and listeners run (never on I/O threads); null makes the
 *                        host own a single daemon thread for them, shut down on close
 * @param agentVersion    announced via identify
 * @param reconnectMin    first redial delay after a bootstrap peer is lost; doubles per failure
 * @param reconnectMax    cap of that delay
 */
public record P2pConfig(byte[] keySeed, List<Multiaddr> listenAddresses, Set<PeerId> allowlist,
                        List<Multiaddr> bootstrapPeers, Limits limits, GossipConfig gossip,
                        Executor callbackExecutor, String agentVersion, Duration reconnectMin, Duration reconnectMax) {
    public P2pConfig {
        if (keySeed == null || keySeed.length != 32) {
            throw new IllegalArgumentException("keySeed must be 32 bytes");
        }
        keySeed = keySeed.clone();
        listenAddresses = List.copyOf(listenAddresses);
        allowlist = Set.copyOf(allowlist);
        bootstrapPeers = List.copyOf(bootstrapPeers);
        for (Multiaddr m : bootstrapPeers) {
            if (m.peerId().isEmpty()) {
                throw new IllegalArgumentException("bootstrap address lacks /p2p/<id>: " + m);
            }
        }
        Objects.requireNonNull(limits);
        Objects.requireNonNull(gossip);
        Objects.requireNonNull(agentVersion);
        if (reconnectMin.isNegative() || reconnectMin.isZero() || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("need 0 < reconnectMin <= reconnectMax");
        }
    }

    @Override
    public byte[] keySeed() {
        return keySeed.clone();
    }

    public static Builder builder(byte[] keySeed) {
        return new Builder(keySeed);
    }

    /** Fluent builder; every field but the seed has a default. */
    public static final class Builder {
        private final byte[] keySeed;
        private final List<Multiaddr> listen = new ArrayList<>();
        private final List<PeerId> allowlist = new ArrayList<>();
        private final List<Multiaddr> bootstrap = new ArrayList<>();
        private Limits limits = Limits.defaults();
        private GossipConfig gossip = GossipConfig.defaults();
        private Executor executor;
        private String agent = "tally/0.1.0";
        private Duration reconnectMin = Duration.ofMillis(500);
        private Duration reconnectMax = Duration.ofSeconds(30);

        private Builder(byte[] keySeed) {
            this.keySeed = keySeed.clone();
        }

        public Builder listen(Multiaddr address) {
            listen.add(address);
            return this;
        }

        public Builder listen(String address) {
            return listen(Multiaddr.parse(address));
        }

        public Builder allow(PeerId peer) {
            allowlist.add(peer);
            return this;
        }

        public Builder allow(Collection<PeerId> peers) {
            allowlist.addAll(peers);
            return this;
        }

        public Builder bootstrap(Multiaddr address) {
            bootstrap.add(address);
            return this;
        }

        public Builder limits(Limits value) {
            this.limits = value;
            return this;
        }

        public Builder gossip(GossipConfig value) {
            this.gossip = value;
            return this;
        }

        public Builder callbackExecutor(Executor value) {
            this.executor = value;
            return this;
        }

        public Builder agentVersion(String value) {
            this.agent = value;
            return this;
        }

        public Builder reconnect(Duration min, Duration max) {
            this.reconnectMin = min;
            this.reconnectMax = max;
            return this;
        }

        public P2pConfig build() {
            return new P2pConfig(keySeed, listen, Set.copyOf(allowlist), bootstrap, limits, gossip, executor, agent,
                    reconnectMin, reconnectMax);
        }
    }
}
