package io.tally.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.KeyPair;
import io.tally.ledger.exec.Receipt;
import io.tally.ledger.exec.ReceiptStatus;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.Durability;
import io.tally.ledger.store.InMemoryStore;
import io.tally.ledger.store.KvIterator;
import io.tally.ledger.store.KvStore;
import io.tally.ledger.store.StoreSchema;
import io.tally.ledger.store.WriteBatch;
import io.tally.ledger.tx.Transaction;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Since schema 4 a receipt is stored only for a failed transaction; a committed transaction
 * without one succeeded. Stores from schema 3, which hold a receipt for every transaction, read the
 * same.
 */
class ReceiptStorageTest {
    private final TestLedger t = TestLedger.create(4, 3, 1_000);
    private final KeyPair alice = t.accounts.get(0);
    private final KeyPair bob = t.accounts.get(1);
    private final Transaction pay = t.transfer(alice, 0, bob.address(), 250);
    private final Transaction tooMuch = t.transfer(bob, 0, alice.address(), 5_000);

    @Test
    void onlyAFailedTransactionHasAStoredReceipt() {
        try (KvStore store = new InMemoryStore()) {
            ChainStore chain = ChainStore.initGenesis(store, t.genesis);
            t.commitNext(chain, List.of(pay, tooMuch));

            assertEquals(1, storedReceipts(store, 1), "the failure only");
            assertReceiptsRead(chain);
            assertTrue(chain.receipts(0).isEmpty(), "genesis has no transactions");
            assertTrue(chain.receipts(2).isEmpty(), "no such block");
        }
    }

    @Test
    void aSchemaThreeStoreIsReadAsItIsAndStampedFour() {
        try (KvStore store = new InMemoryStore()) {
            ChainStore before = ChainStore.initGenesis(store, t.genesis);
            t.commitNext(before, List.of(pay, tooMuch));
            // what schema 3 also wrote: a receipt for the successful transaction
            try (WriteBatch b = store.newBatch()) {
                b.put(Column.RECEIPT, ChainKeys.location(1, 0), new Receipt(pay.hash(), ReceiptStatus.SUCCESS).encode());
                b.put(Column.META, StoreSchema.VERSION_KEY, ByteBuffer.allocate(4).putInt(3).array());
                b.commit(Durability.SYNCED);
            }
            assertEquals(2, storedReceipts(store, 1));

            ChainStore chain = ChainStore.open(store);
            assertEquals(Optional.of(StoreSchema.VERSION),
                store.get(Column.META, StoreSchema.VERSION_KEY).map(v -> ByteBuffer.wrap(v).getInt()));
            assertReceiptsRead(chain);
            t.commitNext(chain, List.of(t.transfer(alice, 1, bob.address(), 1)));
            assertEquals(0, storedReceipts(store, 2), "new blocks store failures only");
            assertEquals(List.of(ReceiptStatus.SUCCESS), chain.receipts(2).stream().map(Receipt::status).toList());
        }
    }

    private void assertReceiptsRead(ChainStore chain) {
        Receipt paid = chain.transaction(pay.hash()).orElseThrow().receipt();
        assertEquals(new Receipt(pay.hash(), ReceiptStatus.SUCCESS), paid);
        Receipt failed = chain.transaction(tooMuch.hash()).orElseThrow().receipt();
        assertEquals(new Receipt(tooMuch.hash(), ReceiptStatus.INSUFFICIENT_BALANCE), failed);
        assertEquals(List.of(paid, failed), chain.receipts(1));
    }

    private static int storedReceipts(KvStore store, long height) {
        int n = 0;
        try (KvIterator it = store.iteratePrefix(Column.RECEIPT, ChainKeys.height(height))) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
