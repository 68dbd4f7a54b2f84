package io.tally.p2p.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.p2p.identity.HostKey;
import io.tally.p2p.wire.DecodeException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class NoisePayloadTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theProvenPeerIdIsTheSignersAndSurvivesEncoding() {
        HostKey key = HostKey.fromSeed(seed());
        byte[] staticPub = NoiseXX.publicKey(NoiseXX.newPrivateKey(RANDOM));
        NoisePayload p = NoisePayload.decode(NoisePayload.sign(key, staticPub).encode());
        assertEquals(key.peerId(), p.verify(staticPub));
    }

    @Test
    void aPeerCannotClaimAnIdentityWhoseKeyItDoesNotHold() {
        HostKey victim = HostKey.fromSeed(seed());
        HostKey attacker = HostKey.fromSeed(seed());
        byte[] staticPub = NoiseXX.publicKey(NoiseXX.newPrivateKey(RANDOM));
        NoisePayload forged = new NoisePayload(victim.publicKeyProtobuf(),
                NoisePayload.sign(attacker, staticPub).identitySig());
        assertThrows(DecodeException.class, () -> forged.verify(staticPub));
    }

    @Test
    void aSignatureOverAnotherNoiseKeyIsRejected() {
        HostKey key = HostKey.fromSeed(seed());
        NoisePayload p = NoisePayload.sign(key, NoiseXX.publicKey(NoiseXX.newPrivateKey(RANDOM)));
        assertThrows(DecodeException.class, () -> p.verify(NoiseXX.publicKey(NoiseXX.newPrivateKey(RANDOM))));
    }

    @Test
    void extensionsFieldIsIgnoredAndMissingFieldsAreRejected() {
        HostKey key = HostKey.fromSeed(seed());
        byte[] staticPub = NoiseXX.publicKey(NoiseXX.newPrivateKey(RANDOM));
        byte[] base = NoisePayload.sign(key, staticPub).encode();
        byte[] ext = {0x22, 0x0e, 0x12, 0x0c, '/', 'y', 'a', 'm', 'u', 'x', '/', '1', '.', '0', '.', '0'};
        byte[] withExt = new byte[base.length + ext.length];
        System.arraycopy(base, 0, withExt, 0, base.length);
        System.arraycopy(ext, 0, withExt, base.length, ext.length);
        assertEquals(key.peerId(), NoisePayload.decode(withExt).verify(staticPub));
        assertThrows(DecodeException.class, () -> NoisePayload.decode(new byte[0]));
    }

    private static byte[] seed() {
        byte[] s = new byte[32];
        RANDOM.nextBytes(s);
        return s;
    }
}
