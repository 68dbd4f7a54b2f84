package io.tally.ledger.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TransactionCodecTest {
    private static final KeyPair ALICE = KeyPair.fromSeed(new byte[32]);
    private static final Address BOB = KeyPair.fromSeed(filled(7)).address();

    private static byte[] filled(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Provide
    Arbitrary<Transaction> transactions() {
        Arbitrary<String> chain = Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(64);
        Arbitrary<Long> nonce = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<Payload> transfer = Arbitraries.longs().between(1, Long.MAX_VALUE).map(a -> new TransferPayload(BOB, a));
        Arbitrary<Payload> record = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(4096))
            .as(RecordPayload::new);
        return Combinators.combine(chain, nonce, Arbitraries.oneOf(transfer, record))
            .as((c, n, p) -> Transaction.sign(ALICE, c, n, p));
    }

    @Property(tries = 200)
    void encodeDecodeRoundTrips(@ForAll("transactions") Transaction tx) throws DecodeException {
        Transaction back = TransactionCodec.decode(tx.encoded());
        assertEquals(tx, back);
        assertEquals(tx.payload(), back.payload());
        assertEquals(tx.nonce(), back.nonce());
        assertEquals(tx.chainId(), back.chainId());
        assertArrayEquals(tx.encoded(), back.encoded());
        assertEquals(Sha256.hash(tx.encoded()), back.hash());
        assertTrue(back.verifySignature());
    }

    @Property(tries = 2000)
    void arbitraryBytesOnlyEverThrowDecodeException(@ForAll byte[] junk) {
        try {
            TransactionCodec.decode(junk);
        } catch (DecodeException expected) {
            // the one declared error
        }
    }

    @Property(tries = 300)
    void flippingAnyByteBreaksDecodingOrTheSignature(@ForAll("transactions") Transaction tx, @ForAll int position,
            @ForAll byte mask) {
        if (mask == 0) {
            return;
        }
        byte[] b = tx.encoded();
        int i = Math.floorMod(position, b.length);
        b[i] ^= mask;
        try {
            Transaction t = TransactionCodec.decode(b);
            assertFalse(t.verifySignature(), "tampered transaction still verifies");
        } catch (DecodeException expected) {
            // also fine
        }
    }

    @Test
    void trailingBytesAreRejected() {
        Transaction tx = Transaction.sign(ALICE, "main", 0, new TransferPayload(BOB, 5));
        byte[] longer = Arrays.copyOf(tx.encoded(), tx.encodedLength() + 1);
        assertEquals(Reason.TRAILING_BYTES, assertThrows(DecodeException.class, () -> TransactionCodec.decode(longer)).reason());
        byte[] shorter = Arrays.copyOf(tx.encoded(), tx.encodedLength() - 1);
        assertEquals(Reason.TRUNCATED, assertThrows(DecodeException.class, () -> TransactionCodec.decode(shorter)).reason());
    }

    @Test
    void unknownTypeVersionAndZeroAmountAreRejected() {
        byte[] b = Transaction.sign(ALICE, "main", 0, new TransferPayload(BOB, 5)).encoded();
        int typeOffset = 1 + 1 + 4;
        byte[] unknownType = b.clone();
        unknownType[typeOffset] = 9;
        assertEquals(Reason.UNKNOWN_TYPE, assertThrows(DecodeException.class, () -> TransactionCodec.decode(unknownType)).reason());
        byte[] badVersion = b.clone();
        badVersion[0] = 2;
        assertEquals(Reason.UNSUPPORTED_VERSION, assertThrows(DecodeException.class, () -> TransactionCodec.decode(badVersion)).reason());
        byte[] zeroAmount = b.clone();
        Arrays.fill(zeroAmount, zeroAmount.length - 64 - 8, zeroAmount.length - 64, (byte) 0);
        assertEquals(Reason.INVALID_VALUE, assertThrows(DecodeException.class, () -> TransactionCodec.decode(zeroAmount)).reason());
        byte[] hugeAmount = b.clone();
        hugeAmount[hugeAmount.length - 64 - 8] = (byte) 0x80;
        assertEquals(Reason.INVALID_VALUE, assertThrows(DecodeException.class, () -> TransactionCodec.decode(hugeAmount)).reason());
    }

    @Test
    void oversizeRecordFieldsAreRejectedOnBothSides() {
        assertThrows(IllegalArgumentException.class, () -> new RecordPayload(new byte[65], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new RecordPayload(new byte[1], new byte[4097]));
        assertThrows(IllegalArgumentException.class, () -> new RecordPayload(new byte[0], new byte[1]));
        Transaction max = Transaction.sign(ALICE, "x".repeat(64), Long.MAX_VALUE,
            new RecordPayload(new byte[64], new byte[4096]));
        assertEquals(TransactionCodec.MAX_ENCODED_LENGTH, max.encodedLength());
        byte[] tooBig = new byte[TransactionCodec.MAX_ENCODED_LENGTH + 1];
        assertEquals(Reason.OVERSIZE, assertThrows(DecodeException.class, () -> TransactionCodec.decode(tooBig)).reason());
    }

    @Test
    void signatureForAnotherChainDoesNotVerify() throws DecodeException {
        Transaction tx = Transaction.sign(ALICE, "main", 3, new TransferPayload(BOB, 5));
        byte[] b = tx.encoded();
        b[2] = 'x'; // chain id "main" -> "xain": same layout, different chain
        Transaction moved = TransactionCodec.decode(b);
        assertEquals("xain", moved.chainId());
        assertFalse(moved.verifySignature());
    }
}
