package io.tally.node.net;

import io.tally.crypto.PublicKey;
import io.tally.p2p.PeerId;
import io.tally.p2p.identity.RemotePublicKey;

/** Conversions between ledger keys and libp2p peer ids: a node's Ed25519 key is its libp2p identity. */
public final class Peers {
    private Peers() {}

    public static PeerId peerId(PublicKey key) {
        return PeerId.fromPublicKey(RemotePublicKey.ed25519(key.bytes()));
    }
}
