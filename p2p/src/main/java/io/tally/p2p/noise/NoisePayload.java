package io.tally.p2p.noise;

import io.tally.p2p.PeerId;
import io.tally.p2p.identity.HostKey;
import io.tally.p2p.identity.RemotePublicKey;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.Proto;
import java.nio.charset.StandardCharsets;

/**
 * The libp2p Noise handshake payload: {@code identity_key = 1}, {@code identity_sig = 2}; the
 * extensions (field 4, early muxer negotiation) are parsed past and ignored, and we send none, so
 * js falls back to ordinary multistream muxer negotiation.
 */
public record NoisePayload(byte[] identityKey, byte[] identitySig) {
    private static final byte[] SIG_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

    public NoisePayload {
        identityKey = identityKey.clone();
        identitySig = identitySig.clone();
    }

    public static NoisePayload sign(HostKey key, byte[] noiseStaticPublic) {
        return new NoisePayload(key.publicKeyProtobuf(), key.sign(signedBytes(noiseStaticPublic)));
    }

    public byte[] encode() {
        return new Proto.Writer().bytes(1, identityKey).bytes(2, identitySig).toByteArray();
    }

    public static NoisePayload decode(byte[] bytes) {
        byte[] key = null;
        byte[] sig = null;
        Proto.Reader r = new Proto.Reader(bytes);
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.bytes();
                case 2 -> sig = r.bytes();
                default -> r.skip();
            }
        }
        if (key == null || sig == null) {
            throw new DecodeException("noise payload lacks identity key or signature");
        }
        return new NoisePayload(key, sig);
    }

    /**
     * Proves the remote holds the identity key it claims: the signature must cover the Noise static
     * key that the handshake itself authenticated. Returns the proven peer ID.
     */
    public PeerId verify(byte[] remoteNoiseStatic) {
        RemotePublicKey key = RemotePublicKey.decode(identityKey);
        if (!key.verify(signedBytes(remoteNoiseStatic), identitySig)) {
            throw new DecodeException("noise identity signature does not verify");
        }
        return PeerId.fromPublicKey(key);
    }

    private static byte[] signedBytes(byte[] noiseStatic) {
        byte[] m = new byte[SIG_PREFIX.length + noiseStatic.length];
        System.arraycopy(SIG_PREFIX, 0, m, 0, SIG_PREFIX.length);
        System.arraycopy(noiseStatic, 0, m, SIG_PREFIX.length, noiseStatic.length);
        return m;
    }
}
