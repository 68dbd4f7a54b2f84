package io.tally.p2p;

/** Peer connect/disconnect notifications, delivered on the callback executor. */
@FunctionalInterface
public interface PeerListener {
    void onPeer(PeerId peer);
}
