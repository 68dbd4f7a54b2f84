package io.tally.node.ledger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.ledger.block.Block;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.exec.InvalidBlockException;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import io.tally.mempool.SignatureCache;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockSignaturesTest {
    private final TestLedger t = TestLedger.create(4, 3, 1_000);

    private Block block(List<Transaction> txs) {
        return new Block(t.genesis.build().block().header(), txs);
    }

    private Transaction tampered(Transaction tx) throws Exception {
        byte[] b = tx.encoded().clone();
        b[b.length - 1] ^= 1; // the signature's last byte
        Transaction bad = TransactionCodec.decode(b);
        assertFalse(bad.verifySignature());
        return bad;
    }

    @Test
    void verifiesEachTransactionOnceAndRemembersIt() throws Exception {
        SignatureCache cache = new SignatureCache(100);
        BlockSignatures signatures = new BlockSignatures(cache);
        Transaction a = t.transfer(t.accounts.get(0), 0, t.accounts.get(1).address(), 1);
        Transaction b = t.transfer(t.accounts.get(1), 0, t.accounts.get(2).address(), 1);
        signatures.verify(block(List.of(a, b)));
        assertTrue(cache.isVerified(a.hash()) && cache.isVerified(b.hash()));
    }

    @Test
    void aBadSignatureIsRefusedAndNotRemembered() throws Exception {
        SignatureCache cache = new SignatureCache(100);
        BlockSignatures signatures = new BlockSignatures(cache);
        Transaction good = t.transfer(t.accounts.get(0), 0, t.accounts.get(1).address(), 1);
        Transaction bad = tampered(t.transfer(t.accounts.get(1), 0, t.accounts.get(2).address(), 1));
        InvalidBlockException e = assertThrows(InvalidBlockException.class, () -> signatures.verify(block(List.of(good, bad))));
        assertTrue(e.getMessage().contains(bad.hash().toString()), e.getMessage());
        assertFalse(cache.isVerified(bad.hash()));
    }

    @Test
    void aTransactionAlreadyVerifiedIsNotVerifiedAgain() throws Exception {
        // Shown with a hash marked verified whose signature would fail: only a skipped check passes it.
        SignatureCache cache = new SignatureCache(100);
        Transaction bad = tampered(t.transfer(t.accounts.get(0), 0, t.accounts.get(1).address(), 1));
        cache.markVerified(bad.hash());
        assertDoesNotThrow(() -> new BlockSignatures(cache).verify(block(List.of(bad))));
    }
}
