package io.tally.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.consensus.sim.SimChain;
import io.tally.ledger.codec.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Round trips, canonical form, and "any bytes give a message or a DecodeException". */
class CodecTest {
    private static final List<byte[]> SAMPLES = samples();

    private static List<byte[]> samples() {
        Cluster c = Cluster.of(4).start().transactionsArrive();
        c.drop = e -> e.message().body().kind() == MessageKind.COMMIT;
        c.deliverAll();
        c.drop = e -> false;
        c.crash(0);
        c.fireViewTimers();
        c.deliverAll();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (MessageKind k : MessageKind.values()) {
                for (SignedMessage m : c.sent(i, k)) {
                    out.add(m.encode());
                }
            }
        }
        return out;
    }

    @Test
    void everyKindRoundTripsByteForByte() throws DecodeException {
        java.util.EnumSet<MessageKind> seen = java.util.EnumSet.noneOf(MessageKind.class);
        for (byte[] b : SAMPLES) {
            SignedMessage m = Cluster.decode(b);
            seen.add(m.body().kind());
            assertArrayEquals(b, m.encode());
        }
        assertEquals(java.util.EnumSet.allOf(MessageKind.class), seen);
    }

    @Test
    void persistedRecordsRoundTrip() throws DecodeException {
        Cluster c = Cluster.of(4).start().transactionsArrive().deliverAll();
        int count = 0;
        for (Action a : c.actions.get(1)) {
            if (a instanceof Action.Persist p) {
                assertEquals(p.record(), PersistedRecord.decode(p.record().encode()));
                count++;
            }
        }
        assertTrue(count >= 3);
        assertThrows(DecodeException.class, () -> PersistedRecord.decode(new byte[] {1, 7}));
    }

    @Test
    void nonCanonicalFlagIsRejected() {
        SignedMessage vc = Cluster.of(4).sign(1, new ViewChange(1, 1, Optional.empty()));
        byte[] b = vc.encode();
        b[4 + 16] = 2;
        DecodeException e = assertThrows(DecodeException.class, () -> Cluster.decode(b));
        assertEquals(DecodeException.Reason.NON_CANONICAL, e.reason());
    }

    @Property(tries = 300)
    void arbitraryBytesNeverThrowAnythingButDecodeException(@ForAll @Size(max = 400) byte[] bytes) {
        try {
            MessageCodec.decode(bytes, 1 << 20, 1_000);
        } catch (DecodeException expected) {
            // the one declared failure
        }
    }

    @Property(tries = 400)
    void mutatedValidMessagesNeverThrowAnythingButDecodeException(@ForAll @IntRange(min = 0, max = 1_000) int which,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 2) int mode) {
        byte[] b = SAMPLES.get(which % SAMPLES.size()).clone();
        int p = position % b.length;
        byte[] input = switch (mode) {
            case 0 -> {
                b[p] = value;
                yield b;
            }
            case 1 -> java.util.Arrays.copyOf(b, p);
            default -> {
                byte[] longer = java.util.Arrays.copyOf(b, b.length + 1);
                longer[b.length] = value;
                yield longer;
            }
        };
        try {
            SignedMessage m = MessageCodec.decode(input, 1 << 20, 1_000);
            assertArrayEquals(input, m.encode(), "a decodable message has exactly one encoding");
        } catch (DecodeException expected) {
            // the one declared failure
        }
    }

    @Test
    void chainIdIsBoundIntoSignatures() {
        SignedMessage m = Cluster.of(4).sign(1, new Prepare(1, 0, io.tally.crypto.Sha256.hash(new byte[] {1})));
        assertTrue(m.verify(SimChain.CHAIN_ID, SimChain.key(1).publicKey()));
        assertTrue(!m.verify("another-chain", SimChain.key(1).publicKey()));
    }
}
