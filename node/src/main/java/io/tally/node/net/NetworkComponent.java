package io.tally.node.net;

import io.tally.crypto.PublicKey;
import io.tally.genesis.NodeConfig;
import io.tally.ledger.block.ValidatorSet;
import io.tally.node.NodeSettings;
import io.tally.p2p.GossipConfig;
import io.tally.p2p.Multiaddr;
import io.tally.p2p.P2pConfig;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.PeerInfo;
import io.tally.p2p.SignaturePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libp2p host of this node: permissioned to the genesis validators and observers, dialling the
 * configured peers, and naming the node's protocols. Protocol ids carry the chain id, so nodes of
 * two chains never talk past each other.
 */
public final class NetworkComponent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("p2p");

    private final P2pHost host;
    private final ExecutorService callbacks;
    private final Map<PeerId, Integer> validatorIndex = new HashMap<>();
    private final List<PeerId> validatorPeers = new ArrayList<>();
    private final String chainId;

    private NetworkComponent(P2pHost host, ExecutorService callbacks, ValidatorSet validators, String chainId) {
        this.host = host;
        this.callbacks = callbacks;
        this.chainId = chainId;
        for (int i = 0; i < validators.size(); i++) {
            PeerId id = Peers.peerId(validators.get(i));
            validatorIndex.put(id, i);
            validatorPeers.add(id);
        }
    }

    public static NetworkComponent start(NodeSettings s) {
        ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "p2p-callbacks");
            t.setDaemon(true);
            return t;
        });
        P2pConfig.Builder b = P2pConfig.builder(s.key().seed())
            .listen(s.p2pListen())
            .agentVersion("tally-node/0.1.0")
            // Transactions and consensus messages carry their own signatures and every peer is an
            // allowlisted validator authenticated by Noise, so a gossip signature per message per
            // hop would only repeat that (docs/p2p.md, "Permissioning").
            // Validators are all connected to each other and the author of a message sends it to every
            // peer (flood publish), so relays through the mesh are only a backup for a broken link:
            // a mesh of 2 instead of the spec's 6 (here: everyone) cuts the duplicate copies each node
            // receives, decrypts and drops (docs/p2p.md, "Gossip in a validator network").
            .gossip(GossipConfig.defaults().withSignaturePolicy(SignaturePolicy.STRICT_NO_SIGN).withMeshDegree(2, 1, 2))
            .callbackExecutor(callbacks);
        for (PublicKey k : s.allowedKeys()) {
            b.allow(Peers.peerId(k));
        }
        PeerId self = Peers.peerId(s.key().publicKey());
        for (NodeConfig.Peer p : s.peers()) {
            PeerId id = Peers.peerId(p.publicKey());
            if (!id.equals(self)) {
                b.bootstrap(Multiaddr.parse(withoutPeerId(p.address().toString()) + "/p2p/" + id));
            }
        }
        P2pHost host;
        try {
            host = P2pHost.start(b.build());
        } catch (RuntimeException e) {
            callbacks.shutdownNow();
            throw new IllegalStateException("cannot start p2p on " + s.p2pListen() + ": " + e.getMessage(), e);
        }
        NetworkComponent n = new NetworkComponent(host, callbacks, s.genesis().validatorSet(), s.chainId());
        host.onPeerConnected(peer -> LOG.info("peer connected {}", peer));
        host.onPeerDisconnected(peer -> LOG.info("peer disconnected {}", peer));
        LOG.info("p2p listening on {} as {}", host.listenAddresses(), host.peerId());
        return n;
    }

    private static String withoutPeerId(String address) {
        int i = address.indexOf("/p2p/");
        return i < 0 ? address : address.substring(0, i);
    }

    public P2pHost host() {
        return host;
    }

    public String txTopic() {
        return "/tally/" + chainId + "/txs/1";
    }

    public String consensusProtocol() {
        return "/tally/" + chainId + "/consensus/1";
    }

    public String syncProtocol() {
        return "/tally/" + chainId + "/sync/1";
    }

    /** The replica id of a connected validator peer. */
    public Optional<Integer> validatorIndex(PeerId peer) {
        return Optional.ofNullable(validatorIndex.get(peer));
    }

    public PeerId validatorPeer(int index) {
        return validatorPeers.get(index);
    }

    public List<PeerId> validatorPeers() {
        return validatorPeers;
    }

    public List<PeerInfo> connectedPeers() {
        return host.peers();
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            callbacks.shutdownNow();
        }
    }
}
