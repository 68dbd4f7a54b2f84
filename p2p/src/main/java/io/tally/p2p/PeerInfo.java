package io.tally.p2p;

import java.util.List;

/**
 * A connected peer as seen now: its remote address, the listen addresses and protocols it announced
 * via identify (empty until identify completes), its agent string and whether we dialled it.
 */
public record PeerInfo(PeerId peerId, Multiaddr remoteAddress, List<Multiaddr> listenAddresses,
                       List<String> protocols, String agentVersion, boolean outbound) {
    public PeerInfo {
        listenAddresses = List.copyOf(listenAddresses);
        protocols = List.copyOf(protocols);
    }
}
