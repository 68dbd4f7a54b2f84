package io.tally.p2p.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tally.p2p.noise.NoisePayload;
import io.tally.p2p.noise.NoiseXX;
import java.security.SecureRandom;

/** Hostile Noise handshake messages and payloads at each step of the XX pattern. */
class NoiseFuzzTest {
    private static final byte[] STATIC = NoiseXX.newPrivateKey(new SecureRandom());

    @FuzzTest(maxDuration = "10s")
    void handshakeMessagesAndPayloads(byte[] data) {
        // msg1 arriving at a responder
        FuzzSupport.expectTypedErrorsOnly(() -> new NoiseXX(false, STATIC, new SecureRandom()).readMessage(data));
        // msg2 arriving at an initiator that sent msg1
        FuzzSupport.expectTypedErrorsOnly(() -> {
            NoiseXX init = new NoiseXX(true, STATIC, new SecureRandom());
            init.writeMessage(new byte[0]);
            init.readMessage(data);
        });
        // msg3 arriving at a responder that sent msg2
        FuzzSupport.expectTypedErrorsOnly(() -> {
            NoiseXX init = new NoiseXX(true, NoiseXX.newPrivateKey(new SecureRandom()), new SecureRandom());
            NoiseXX resp = new NoiseXX(false, STATIC, new SecureRandom());
            resp.readMessage(init.writeMessage(new byte[0]));
            init.readMessage(resp.writeMessage(new byte[0]));
            resp.readMessage(data);
        });
        FuzzSupport.expectTypedErrorsOnly(() -> NoisePayload.decode(data).verify(new byte[32]));
    }
}
