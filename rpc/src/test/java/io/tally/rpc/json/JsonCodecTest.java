package io.tally.rpc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.CommitSignature;
import io.tally.ledger.block.CommitStatement;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.tx.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both directions of the domain JSON, and that a decoder never trusts a field that disagrees. */
class JsonCodecTest {
    final TestLedger ledger = TestLedger.create(4, 3, 1000);
    final KeyPair a = ledger.accounts.get(0);
    final Transaction transfer = ledger.transfer(a, 7, ledger.accounts.get(1).address(), Long.MAX_VALUE);
    final Transaction record = ledger.record(a, 8, new byte[] {1, 2}, new byte[] {3});

    Block block() {
        List<Transaction> txs = List.of(transfer, record);
        BlockHeader h = new BlockHeader(TestLedger.CHAIN_ID, 5, 1234, Hash.ZERO, ledger.validators.get(0),
            Block.computeTxRoot(txs), Hash.ZERO, ledger.validators.hash());
        return new Block(h, txs);
    }

    @Test
    void transactionsRoundTripAndLargeAmountsAreStrings() throws Exception {
        ObjectNode j = TxJson.toJson(transfer);
        assertEquals(Long.toString(Long.MAX_VALUE), j.get("payload").get("amount").textValue());
        assertEquals("7", j.get("nonce").textValue());
        assertEquals(transfer, TxJson.fromJson(j));
        assertEquals(record, TxJson.fromJson(TxJson.toJson(record)));
    }

    @Test
    void aTransactionFieldThatDisagreesWithRawIsRejected() {
        ObjectNode j = TxJson.toJson(transfer);
        ((ObjectNode) j.get("payload")).put("amount", "1");
        assertThrows(JsonFormatException.class, () -> TxJson.fromJson(j));
        ObjectNode k = TxJson.toJson(transfer);
        k.put("raw", "00");
        assertThrows(JsonFormatException.class, () -> TxJson.fromJson(k));
    }

    @Test
    void blocksRoundTripAndATamperedHeaderIsCaught() throws Exception {
        Block b = block();
        assertEquals(b, BlockJson.fromJson(BlockJson.toJson(b, true)).toBlock());
        BlockJson.Decoded light = BlockJson.fromJson(BlockJson.toJson(b, false));
        assertEquals(List.of(transfer.hash(), record.hash()), light.transactionHashes());
        ObjectNode j = BlockJson.toJson(b, false);
        ((ObjectNode) j.get("header")).put("timestampMillis", 1235);
        assertThrows(JsonFormatException.class, () -> BlockJson.fromJson(j));
    }

    @Test
    void certificatesAndValidatorSetsRoundTrip() throws Exception {
        Block b = block();
        CommitStatement st = new CommitStatement(TestLedger.CHAIN_ID, 5, 2, b.hash());
        List<CommitSignature> sigs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sigs.add(new CommitSignature(i, st.sign(io.tally.crypto.Signer.of(ledger.validatorKeys.get(i)))));
        }
        CommitCertificate c = new CommitCertificate(5, 2, b.hash(), sigs);
        CommitCertificate back = CertificateJson.fromJson(CertificateJson.toJson(c));
        assertEquals(c, back);
        ValidatorSet vs = ValidatorJson.fromJson(ValidatorJson.toJson(ledger.validators));
        back.verifyFor(TestLedger.CHAIN_ID, vs, 5, b.hash());
        ObjectNode wrongSet = ValidatorJson.toJson(ledger.validators);
        wrongSet.put("validatorSetHash", Hash.ZERO.toHex());
        assertThrows(JsonFormatException.class, () -> ValidatorJson.fromJson(wrongSet));
    }

    @Test
    void receiptsProofsAccountsAndRecordsRoundTrip() throws Exception {
        Receipt r = new Receipt(transfer.hash(), 5, 0, true, "SUCCESS", "success");
        assertEquals(r, Receipt.fromJson(r.toJson()));
        InclusionProof p = InclusionProof.of(List.of(transfer.hash(), record.hash()), 1);
        InclusionProof p2 = InclusionProof.fromJson(p.toJson());
        assertEquals(p, p2);
        assertTrue(p2.verify(block().header().txRoot(), record.hash()));
        StateProofData sp = new StateProofData(5, Hash.ZERO, new byte[] {1}, null, new byte[] {1, 0, 0, 0});
        assertEquals(sp, StateProofData.fromJson(sp.toJson()));
        AccountInfo acc = new AccountInfo(a.address(), Long.MAX_VALUE, 3, 4, sp);
        assertEquals(acc, AccountInfo.fromJson(acc.toJson()));
        RecordInfo rec = new RecordInfo(a.address(), new byte[] {1}, new byte[] {9}, sp);
        RecordInfo rec2 = RecordInfo.fromJson(rec.toJson());
        assertTrue(rec2.exists());
        assertEquals(9, rec2.value()[0]);
        TxLookup l = new TxLookup(transfer.hash(), TxStatus.COMMITTED, transfer, 5, Hash.ZERO, r,
            InclusionProof.of(List.of(transfer.hash()), 0));
        assertEquals(l, TxLookup.fromJson(l.toJson()));
    }

    @Test
    void numbersAcceptSafeIntegersOrDecimalStringsOnly() throws Exception {
        ObjectNode o = JsonValues.object();
        o.put("n", 9007199254740991L);
        assertEquals(9007199254740991L, JsonValues.unsigned(o, "n"));
        o.put("n", 9007199254740992L);
        assertThrows(JsonFormatException.class, () -> JsonValues.unsigned(o, "n"));
        o.put("n", "9223372036854775807");
        assertEquals(Long.MAX_VALUE, JsonValues.unsigned(o, "n"));
        for (String bad : new String[] {"9223372036854775808", "-1", "1e3", "", " 1", "0x1"}) {
            o.put("n", bad);
            assertThrows(JsonFormatException.class, () -> JsonValues.unsigned(o, "n"), bad);
        }
    }
}
