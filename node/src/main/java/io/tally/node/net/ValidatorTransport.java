package io.tally.node.net;

import io.tally.consensus.driver.Transport;
import io.tally.p2p.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends consensus messages to validators over the direct consensus protocol. Fire-and-forget: a
 * lost message is recovered by the replica's retransmission and view change, so a slow or absent
 * peer never blocks the consensus thread.
 */
public final class ValidatorTransport implements Transport {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final NetworkComponent network;
    private final int self;
    private final AtomicLong failures = new AtomicLong();

    public ValidatorTransport(NetworkComponent network, int selfIndex) {
        this.network = network;
        this.self = selfIndex;
    }

    @Override
    public void broadcast(byte[] message) {
        List<PeerId> peers = network.validatorPeers();
        for (int i = 0; i < peers.size(); i++) {
            if (i != self) {
                send(i, message);
            }
        }
    }

    @Override
    public void send(int validatorIndex, byte[] message) {
        if (validatorIndex == self) {
            return;
        }
        network.host().send(network.validatorPeer(validatorIndex), network.consensusProtocol(), message, TIMEOUT)
            .whenComplete((ok, error) -> {
                if (error != null) {
                    failures.incrementAndGet();
                }
            });
    }

    public long failures() {
        return failures.get();
    }
}
