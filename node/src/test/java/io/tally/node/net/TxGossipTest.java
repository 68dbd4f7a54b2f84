package io.tally.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.crypto.KeyPair;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TxGossipTest {
    private static List<Transaction> txs(int n) {
        KeyPair k = KeyPair.fromSeed(new byte[32]);
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Transaction.sign(k, "c", i, new TransferPayload(k.address(), 1 + i)));
        }
        return out;
    }

    @Test
    void batchesRoundTripInOrder() throws DecodeException {
        List<Transaction> batch = txs(3);
        List<byte[]> back = TxGossip.decode(TxGossip.encode(batch));
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(batch.get(i).encoded(), back.get(i));
        }
    }

    @Test
    void emptyOversizeTruncatedAndTrailingBatchesAreRejected() {
        assertThrows(DecodeException.class, () -> TxGossip.decode(new byte[] {1, 0, 0}));
        assertThrows(DecodeException.class, () -> TxGossip.decode(new byte[] {1, (byte) 0xff, (byte) 0xff}));
        byte[] good = TxGossip.encode(txs(2));
        assertThrows(DecodeException.class, () -> TxGossip.decode(java.util.Arrays.copyOf(good, good.length - 1)));
        assertThrows(DecodeException.class, () -> TxGossip.decode(java.util.Arrays.copyOf(good, good.length + 1)));
    }

    @Property(tries = 500)
    void arbitraryBytesOnlyEverThrowDecodeException(@ForAll byte[] junk) {
        try {
            TxGossip.decode(junk);
        } catch (DecodeException expected) {
            // the declared error
        }
    }
}
