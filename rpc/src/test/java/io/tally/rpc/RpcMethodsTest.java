package io.tally.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Bytes;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.StateProof;
import io.tally.ledger.tx.Transaction;
import io.tally.rpc.json.AccountInfo;
import io.tally.rpc.json.BlockJson;
import io.tally.rpc.json.CertificateJson;
import io.tally.rpc.json.RecordInfo;
import io.tally.rpc.json.TxLookup;
import io.tally.rpc.json.TxStatus;
import io.tally.rpc.json.ValidatorJson;
import io.tally.rpc.jsonrpc.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every method over real HTTP against a real ledger on LevelDB and a real mempool. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class RpcMethodsTest {
    TestNode node;
    RpcClient rpc;
    KeyPair alice;
    KeyPair bob;
    Transaction transfer;
    Transaction record;
    Block block1;

    @BeforeAll
    void startNodeWithOneBlock(@TempDir Path dir) throws Exception {
        node = new TestNode(dir, TestNode.testConfig());
        rpc = RpcClient.of(node);
        alice = node.account(0);
        bob = node.account(1);
        transfer = node.ledger.transfer(alice, 0, bob.address(), 250);
        record = node.ledger.record(bob, 0, "doc".getBytes(StandardCharsets.UTF_8), "v1".getBytes(StandardCharsets.UTF_8));
        assertEquals(transfer.hash().toHex(), rpc.result("tally_sendRawTransaction", Bytes.toHex(transfer.encoded())).asText());
        assertEquals(record.hash().toHex(), rpc.result("tally_sendRawTransaction", Bytes.toHex(record.encoded())).asText());
        block1 = node.produceBlock();
        assertEquals(2, block1.transactions().size());
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void chainInfoNamesChainGenesisHeadAndValidators() throws Exception {
        JsonNode r = rpc.result("tally_chainInfo");
        assertEquals(node.chain.chainId(), r.get("chainId").asText());
        assertEquals(node.chain.genesisHash().toHex(), r.get("genesisHash").asText());
        assertTrue(r.get("headHeight").asLong() >= 1);
        assertEquals(node.chain.head().hash().toHex(), r.get("headHash").asText());
        assertEquals(4, r.get("validators").size());
        assertEquals(3, r.get("quorum").asInt());
    }

    @Test
    void blockByHeightCarriesAHeaderWhoseHashTheClientRecomputes() throws Exception {
        JsonNode full = rpc.result("tally_getBlockByHeight", 1, true);
        BlockJson.Decoded d = BlockJson.fromJson(full);
        assertEquals(block1.hash(), d.header().hash());
        Block decoded = d.toBlock();
        assertEquals(block1.transactions(), decoded.transactions());

        JsonNode light = rpc.result("tally_getBlockByHeight", "1");
        assertEquals(2, light.get("transactionHashes").size());
        assertFalse(light.has("transactions"));
        assertEquals(ErrorCode.NOT_FOUND, rpc.errorCode("tally_getBlockByHeight", 10_000));
    }

    @Test
    void blockByHashAndLatestBlock() throws Exception {
        JsonNode byHash = rpc.result("tally_getBlockByHash", block1.hash().toHex(), false);
        assertEquals(1, byHash.get("header").get("height").asLong());
        assertEquals(ErrorCode.NOT_FOUND, rpc.errorCode("tally_getBlockByHash", Hash.ZERO.toHex()));
        JsonNode latest = rpc.result("tally_getLatestBlock");
        assertEquals(node.chain.head().hash().toHex(), latest.get("hash").asText());
        JsonNode named = rpc.call("tally_getLatestBlock");
        assertNotNull(named.get("result"));
    }

    @Test
    void certificateVerifiesAgainstTheValidatorSet() throws Exception {
        CommitCertificate c = CertificateJson.fromJson(rpc.result("tally_getCertificate", 1));
        ValidatorSet vs = ValidatorJson.fromJson(rpc.result("tally_validators"));
        c.verifyFor(node.chain.chainId(), vs, 1, block1.hash());
        assertEquals(ErrorCode.NOT_FOUND, rpc.errorCode("tally_getCertificate", 0));
    }

    @Test
    void committedTransactionHasReceiptAndInclusionProof() throws Exception {
        TxLookup l = TxLookup.fromJson(rpc.result("tally_getTransaction", transfer.hash().toHex()));
        assertEquals(TxStatus.COMMITTED, l.status());
        assertEquals(transfer, l.transaction());
        assertEquals(1, l.blockHeight());
        assertEquals("SUCCESS", l.receipt().code());
        assertTrue(l.proof().verify(block1.header().txRoot(), transfer.hash()));
    }

    @Test
    void pendingFailedAndUnknownStatuses() throws Exception {
        KeyPair carol = node.account(2);
        Transaction pending = node.ledger.transfer(carol, 0, alice.address(), 1);
        rpc.result("tally_sendRawTransaction", Bytes.toHex(pending.encoded()));
        TxLookup p = TxLookup.fromJson(rpc.result("tally_getTransaction", pending.hash().toHex()));
        assertEquals(TxStatus.PENDING, p.status());
        assertEquals(pending, p.transaction());

        Transaction unknown = node.ledger.transfer(carol, 7, alice.address(), 1);
        assertEquals("unknown", rpc.result("tally_getTransaction", unknown.hash().toHex()).get("status").asText());

        KeyPair dave = node.account(3);
        Transaction tooMuch = node.ledger.transfer(dave, 0, alice.address(), 5_000_000);
        rpc.result("tally_sendRawTransaction", Bytes.toHex(tooMuch.encoded()));
        Block b = node.produceBlock();
        assertTrue(b.transactions().contains(tooMuch), "an overdraft is included and fails");
        TxLookup f = TxLookup.fromJson(rpc.result("tally_getTransaction", tooMuch.hash().toHex()));
        assertEquals(TxStatus.FAILED, f.status());
        assertEquals("INSUFFICIENT_BALANCE", f.receipt().code());
        assertTrue(f.proof().verify(b.header().txRoot(), tooMuch.hash()));
    }

    @Test
    void accountComesWithAProofAgainstACommittedStateRoot() throws Exception {
        AccountInfo a = AccountInfo.fromJson(rpc.result("tally_getAccount", bob.address().toString()));
        assertEquals(1_000_250, a.balance());
        assertEquals(1, a.nonce());
        assertEquals(new AccountState(a.balance(), a.nonce()), AccountState.decode(a.proof().value()));
        assertTrue(StateProof.verify(a.proof().stateRoot(), a.proof().key(), a.proof().value(), a.proof().proof()));
        assertEquals(node.chain.blockByHeight(a.proof().height()).orElseThrow().header().stateRoot(), a.proof().stateRoot());

        KeyPair stranger = io.tally.ledger.chain.TestLedger.key("stranger", 1);
        AccountInfo empty = AccountInfo.fromJson(rpc.result("tally_getAccount", stranger.address().toString()));
        assertEquals(0, empty.balance());
        assertEquals(null, empty.proof().value());
        assertTrue(StateProof.verify(empty.proof().stateRoot(), empty.proof().key(), null, empty.proof().proof()));
        assertEquals(ErrorCode.INVALID_PARAMS, rpc.errorCode("tally_getAccount", "tly1notanaddress"));
    }

    @Test
    void pendingNonceCountsThisNodesPendingTransactions() throws Exception {
        KeyPair eve = node.account(4);
        rpc.result("tally_sendRawTransaction", Bytes.toHex(node.ledger.transfer(eve, 0, alice.address(), 1).encoded()));
        JsonNode a = rpc.result("tally_getAccount", eve.address().toString());
        assertEquals("0", a.get("nonce").asText());
        assertEquals("1", a.get("pendingNonce").asText());
    }

    @Test
    void recordAndItsAbsenceAreProven() throws Exception {
        RecordInfo r = RecordInfo.fromJson(rpc.result("tally_getRecord", bob.address().toString(), Bytes.toHex("doc".getBytes())));
        assertTrue(r.exists());
        assertEquals("v1", new String(r.value(), StandardCharsets.UTF_8));
        assertTrue(StateProof.verify(r.proof().stateRoot(), r.proof().key(), r.proof().value(), r.proof().proof()));
        RecordInfo none = RecordInfo.fromJson(rpc.result("tally_getRecord", bob.address().toString(), "6e6f6e65"));
        assertFalse(none.exists());
        assertTrue(StateProof.verify(none.proof().stateRoot(), none.proof().key(), null, none.proof().proof()));
        assertEquals(ErrorCode.INVALID_PARAMS, rpc.errorCode("tally_getRecord", bob.address().toString(), ""));
    }

    @Test
    void validatorsNodeStatusAndConsensusStatus() throws Exception {
        JsonNode v = rpc.result("tally_validators");
        assertEquals(node.ledger.validators.hash().toHex(), v.get("validatorSetHash").asText());
        assertEquals(1, v.get("maxFaulty").asInt());
        JsonNode s = rpc.result("tally_nodeStatus");
        assertEquals(3, s.get("peers").asInt());
        assertFalse(s.get("syncing").asBoolean());
        assertTrue(s.has("mempoolSize"));
        JsonNode c = rpc.result("tally_consensusStatus");
        assertEquals("PREPARE", c.get("phase").asText());
        assertEquals(node.ledger.validators.get(1).toHex(), c.get("primary").asText());
    }

    @Test
    void evidenceIsListedByHeight() throws Exception {
        node.chain.putEvidence(1, node.ledger.validators.get(2), new byte[] {1, 2, 3});
        JsonNode e = rpc.result("tally_getEvidence", 0, 10);
        assertEquals(1, e.size());
        assertEquals(2, e.get(0).get("validatorIndex").asInt());
        assertEquals("010203", e.get(0).get("data").asText());
        assertEquals(0, rpc.result("tally_getEvidence", 2).size());
        assertEquals(ErrorCode.INVALID_PARAMS, rpc.errorCode("tally_getEvidence", 0, 1000));
    }

    @Test
    void discoverDescribesEveryMethod() throws Exception {
        JsonNode doc = rpc.result("rpc.discover");
        assertEquals("1.2.6", doc.get("openrpc").asText());
        Set<String> names = new HashSet<>();
        doc.get("methods").forEach(m -> names.add(m.get("name").asText()));
        assertEquals(Set.of("tally_chainInfo", "tally_getBlockByHeight", "tally_getBlockByHash", "tally_getLatestBlock",
            "tally_getCertificate", "tally_getTransaction", "tally_getAccount", "tally_getRecord",
            "tally_sendRawTransaction", "tally_validators", "tally_nodeStatus", "tally_consensusStatus",
            "tally_getEvidence", "rpc.discover", "tally_subscribe", "tally_unsubscribe"), names);
    }

    @Test
    void sendRawTransactionMapsEachAdmissionFailureToItsCode() throws Exception {
        KeyPair frank = node.account(5);
        // nonce too low: alice's nonce is 1 after block 1
        assertEquals(ErrorCode.NONCE_TOO_LOW,
            rpc.errorCode("tally_sendRawTransaction", hex(node.ledger.transfer(alice, 0, bob.address(), 1))));
        assertEquals(ErrorCode.NONCE_GAP,
            rpc.errorCode("tally_sendRawTransaction", hex(node.ledger.transfer(frank, 65, bob.address(), 1))));
        Transaction other = Transaction.sign(frank, "other-chain", 0, new io.tally.ledger.tx.TransferPayload(bob.address(), 1));
        JsonNode wrong = rpc.call("tally_sendRawTransaction", hex(other));
        assertEquals(ErrorCode.WRONG_CHAIN, wrong.get("error").get("code").asInt());
        assertEquals(node.chain.chainId(), wrong.get("error").get("data").get("expected").asText());
        byte[] bad = node.ledger.transfer(frank, 0, bob.address(), 1).encoded();
        bad[bad.length - 5] ^= 1;
        assertEquals(ErrorCode.INVALID_SIGNATURE, rpc.errorCode("tally_sendRawTransaction", Bytes.toHex(bad)));
        assertEquals(ErrorCode.INVALID_TRANSACTION, rpc.errorCode("tally_sendRawTransaction", "00ff"));
        Transaction ok = node.ledger.transfer(frank, 0, bob.address(), 1);
        rpc.result("tally_sendRawTransaction", hex(ok));
        assertEquals(ErrorCode.ALREADY_KNOWN, rpc.errorCode("tally_sendRawTransaction", hex(ok)));
        assertEquals(ErrorCode.ALREADY_KNOWN,
            rpc.errorCode("tally_sendRawTransaction", hex(node.ledger.transfer(frank, 0, bob.address(), 2))));
        assertEquals(ErrorCode.INVALID_PARAMS, rpc.errorCode("tally_sendRawTransaction", 12));
    }

    static String hex(Transaction t) {
        return Bytes.toHex(t.encoded());
    }

    static List<String> names(JsonNode arr) {
        return java.util.stream.StreamSupport.stream(arr.spliterator(), false).map(JsonNode::asText).toList();
    }
}
