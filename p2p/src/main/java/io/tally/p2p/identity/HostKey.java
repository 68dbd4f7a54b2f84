package io.tally.p2p.identity;

import io.tally.crypto.KeyPair;
import io.tally.p2p.PeerId;

/**
 * This node's libp2p identity: the node's Ed25519 key (the 32-byte seed doubles as the libp2p
 * private key), its public-key protobuf and peer ID.
 */
public final class HostKey {
    private final KeyPair keyPair;
    private final RemotePublicKey publicKey;
    private final PeerId peerId;

    public HostKey(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.publicKey = RemotePublicKey.ed25519(keyPair.publicKey().bytes());
        this.peerId = PeerId.fromPublicKey(publicKey);
    }

    public static HostKey fromSeed(byte[] seed32) {
        return new HostKey(KeyPair.fromSeed(seed32));
    }

    public PeerId peerId() {
        return peerId;
    }

    public RemotePublicKey publicKey() {
        return publicKey;
    }

    public byte[] publicKeyProtobuf() {
        return publicKey.protobuf();
    }

    public byte[] sign(byte[] message) {
        return keyPair.signRaw(message).bytes();
    }
}
