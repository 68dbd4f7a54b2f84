package io.tally.ledger.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BlockCodecTest {
    private static final KeyPair K = KeyPair.fromSeed(new byte[32]);

    static Block block(int txs, long height) {
        List<Transaction> list = new ArrayList<>();
        for (int i = 0; i < txs; i++) {
            list.add(Transaction.sign(K, "c", i, new TransferPayload(K.address(), i + 1)));
        }
        BlockHeader h = new BlockHeader("c", height, 1_700_000_000_000L, Sha256.hash(new byte[] {2}), K.publicKey(),
            Block.computeTxRoot(list), Hash.ZERO, Sha256.hash(new byte[] {3}));
        return new Block(h, list);
    }

    @Property(tries = 30)
    void blocksRoundTrip(@ForAll @IntRange(min = 0, max = 20) int txs) throws DecodeException {
        Block b = block(txs, 7);
        Block back = Block.decode(b.encode());
        assertEquals(b, back);
        assertEquals(b.hash(), back.hash());
        assertTrue(back.checkTxRoot());
    }

    @Test
    void headerChangesChangeTheHash() {
        Block b = block(1, 7);
        BlockHeader h = b.header();
        BlockHeader other = new BlockHeader(h.chainId(), h.height() + 1, h.timestampMillis(), h.previousHash(),
            h.proposer(), h.txRoot(), h.stateRoot(), h.validatorSetHash());
        assertNotEquals(h.hash(), other.hash());
    }

    @Test
    void wrongBodyFailsTheTxRootCheckAndLimitsAreEnforced() throws DecodeException {
        Block b = block(3, 1);
        Block lying = new Block(b.header(), b.transactions().subList(0, 2));
        assertFalse(lying.checkTxRoot());
        assertThrows(DecodeException.class, () -> Block.decode(b.encode(), 2));
        assertEquals(3, Block.decode(b.encode(), 3).transactions().size());
    }
}
