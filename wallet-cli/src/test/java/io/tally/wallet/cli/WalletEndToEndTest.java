package io.tally.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tally.crypto.Bytes;
import io.tally.crypto.KeyPair;
import io.tally.ledger.chain.Head;
import io.tally.wallet.testnet.TamperingRpcProxy.Lie;
import io.tally.wallet.testnet.TestNode;
import io.tally.wallet.testnet.TestChain;
import io.tally.wallet.testnet.WalletRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wallet against the real RPC server over a real ledger that the test advances by committing
 * blocks with real certificates; a proxy in between makes the node lie on request. Commands run
 * in-process through picocli with captured stdout and stderr.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WalletEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    TestNode node;
    TestChain chain;
    WalletRun wallet;
    List<String> common;

    @BeforeEach
    void setUp() throws Exception {
        node = new TestNode(tmp);
        chain = node.chain;
        wallet = new WalletRun();
        Path pw = tmp.resolve("password");
        Files.writeString(pw, "alice's password\n");
        Path trusted = tmp.resolve("genesis.json");
        Files.writeString(trusted, genesisFile(chain));
        common = List.of("--rpc", node.rpc().toString(), "--keystore", tmp.resolve("keys").toString(),
            "--password-file", pw.toString(), "--genesis", trusted.toString());
        Path seed = tmp.resolve("alice.seed");
        Files.writeString(seed, Bytes.toHex(chain.alice.seed()));
        WalletRun.Result imported = wallet.run(WalletRun.args(common, "keys", "import", "alice", "--seed-file",
            seed.toString(), "--scrypt-n", "1024"));
        assertEquals(0, imported.exit(), imported.toString());
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    /** The genesis.json (docs/genesis.md) that describes exactly the test chain's block 0. */
    static String genesisFile(TestChain c) {
        return c.genesisJson();
    }

    static String validatorFile(String chainId, List<KeyPair> keys) {
        StringBuilder sb = new StringBuilder("{\"chainId\":\"" + chainId + "\",\"validators\":[");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"publicKey\":\"").append(keys.get(i).publicKey().toHex()).append("\"}");
        }
        return sb.append("]}").toString();
    }

    WalletRun.Result run(String... args) {
        return wallet.run(WalletRun.args(common, args));
    }

    @Test
    void transferWaitCommitsAndBothBalancesAreVerifiedAgainstTheCertifiedBlock() throws Exception {
        wallet.pacer = d -> node.commitBlock(); // the ledger advances while the wallet waits
        WalletRun.Result t = run("transfer", "--to", chain.bob.address().toString(), "--amount", "250", "--wait");
        assertEquals(0, t.exit(), t.toString());
        assertTrue(t.out().contains("status: committed"), t.toString());
        assertTrue(t.out().contains("verified at height 1 (certificate by 3 of 4 validators)"), t.toString());
        assertEquals(1, chain.chain.head().height());

        WalletRun.Result bob = run("balance", chain.bob.address().toString());
        assertEquals(0, bob.exit(), bob.toString());
        assertTrue(bob.out().contains("balance: 250"), bob.toString());
        assertTrue(bob.out().contains("verified at height 1 (certificate by 3 of 4 validators)"), bob.toString());

        WalletRun.Result alice = run("balance", "alice", "--json");
        assertEquals(0, alice.exit(), alice.toString());
        JsonNode j = JSON.readTree(alice.out());
        assertEquals("999750", j.get("balance").asText());
        assertEquals("1", j.get("nonce").asText());
        assertTrue(j.get("verified").asBoolean());
        assertEquals(3, j.get("certificateSigners").asInt());
    }

    @Test
    void recordPutWaitThenVerifiedGetAndAbsentRecordIsProvenAbsent() {
        wallet.pacer = d -> node.commitBlock();
        WalletRun.Result put = run("record", "put", "--key", "doc-1", "--value", "sha256:abc", "--wait");
        assertEquals(0, put.exit(), put.toString());
        WalletRun.Result get = run("record", "get", "--owner", "alice", "--key", "doc-1");
        assertEquals(0, get.exit(), get.toString());
        assertTrue(get.out().contains("value:  sha256:abc"), get.toString());
        assertTrue(get.out().contains("verified at height 1"), get.toString());
        WalletRun.Result absent = run("record", "get", "--owner", "alice", "--key", "doc-2");
        assertEquals(0, absent.exit(), absent.toString());
        assertTrue(absent.out().contains("(absent)") && absent.out().contains("verified at height 1"), absent.toString());
    }

    @Test
    void blockAndTxAreVerifiedIncludingTheBody() throws Exception {
        String hash = sendTransfer(100);
        node.commitBlock();
        WalletRun.Result tx = run("tx", hash, "--json");
        assertEquals(0, tx.exit(), tx.toString());
        JsonNode j = JSON.readTree(tx.out());
        assertEquals("committed", j.get("status").asText());
        assertTrue(j.get("verified").asBoolean());
        WalletRun.Result block = run("block", "latest", "--full");
        assertEquals(0, block.exit(), block.toString());
        assertTrue(block.out().contains(hash) && block.out().contains("transfer 100 to"), block.toString());
        assertTrue(block.out().contains("verified at height 1 (certificate by 3 of 4 validators)"), block.toString());
    }

    String sendTransfer(long amount) {
        WalletRun.Result r = run("transfer", "--to", chain.bob.address().toString(), "--amount", Long.toString(amount));
        assertEquals(0, r.exit(), r.toString());
        return r.out().trim();
    }

    @ParameterizedTest
    @EnumSource(value = Lie.class, names = {"INFLATED_BALANCE", "FORGED_CERTIFICATE_SIGNATURE",
        "CERTIFICATE_BELOW_QUORUM", "ALTERED_STATE_ROOT"})
    void aNodeLyingAboutABalanceFailsLoudly(Lie lie) {
        sendTransfer(100);
        node.commitBlock();
        node.proxy.lie(lie);
        WalletRun.Result r = run("balance", "alice");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("VERIFICATION FAILED: "), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertEquals("", r.out(), "nothing unverified may reach stdout");
    }

    @ParameterizedTest
    @EnumSource(value = Lie.class, names = {"WRONG_INCLUSION_PROOF", "FORGED_CERTIFICATE_SIGNATURE"})
    void aNodeLyingAboutATransactionFailsTxWait(Lie lie) {
        sendTransfer(1);
        sendTransfer(2); // two transactions, so a wrong index is a real lie
        node.commitBlock();
        node.proxy.lie(lie);
        String hash = chain.chain.blockByHeight(1).orElseThrow().transactions().get(0).hash().toHex();
        WalletRun.Result r = run("tx", hash, "--wait");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("VERIFICATION FAILED: "), r.toString());
    }

    @Test
    void aTruncatedBlockBodyFailsVerification() {
        sendTransfer(1);
        node.commitBlock();
        node.proxy.lie(Lie.TRUNCATED_BLOCK_BODY);
        WalletRun.Result r = run("block", "1", "--full");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("VERIFICATION FAILED: block 1 body does not match"), r.toString());
    }

    @Test
    void anUntrustedValidatorSetIsRejected() throws Exception {
        node.commitBlock();
        Path other = tmp.resolve("other.json");
        Files.writeString(other, validatorFile(TestChain.CHAIN_ID, List.of(chain.alice, chain.bob,
            KeyPair.fromSeed(TestChain.seed(7)), KeyPair.fromSeed(TestChain.seed(8)))));
        WalletRun.Result r = wallet.run("--rpc", node.rpc().toString(), "--genesis", other.toString(), "balance",
            chain.bob.address().toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("VERIFICATION FAILED: "), r.toString());
    }

    @Test
    void readsRefuseWithoutATrustAnchorUnlessVerificationIsWaived() {
        node.commitBlock();
        WalletRun.Result r = wallet.run("--rpc", node.rpc().toString(), "balance", chain.bob.address().toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("--genesis") && r.err().contains("--no-verify"),
            r.toString());
        WalletRun.Result trusting = wallet.run("balance", chain.bob.address().toString(), "--rpc",
            node.rpc().toString(), "--no-verify");
        assertEquals(0, trusting.exit(), trusting.toString());
        assertTrue(trusting.out().contains("NOT verified (--no-verify)"), trusting.toString());
    }

    @Test
    void genesisStateIsVerifiedAgainstBlockZeroComputedFromTheGenesisFile() {
        WalletRun.Result r = run("balance", "alice");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("balance: 1000000"), r.toString());
        assertTrue(r.out().contains("verified at height 0 (the genesis block, computed from the trusted genesis file)"),
            r.toString());
    }

    @Test
    void aBareValidatorSetFileVerifiesCertifiedBlocksButCannotVouchForGenesis() throws Exception {
        Path vs = tmp.resolve("validators.json");
        Files.writeString(vs, validatorFile(TestChain.CHAIN_ID, chain.validatorKeys));
        WalletRun.Result atGenesis = wallet.run("--rpc", node.rpc().toString(), "--genesis", vs.toString(), "balance",
            chain.alice.address().toString());
        assertEquals(1, atGenesis.exit(), atGenesis.toString());
        assertTrue(atGenesis.err().contains("full genesis file") && atGenesis.err().contains("--no-verify"),
            atGenesis.toString());
        node.commitBlock();
        WalletRun.Result later = wallet.run("--rpc", node.rpc().toString(), "--genesis", vs.toString(), "balance",
            chain.alice.address().toString());
        assertEquals(0, later.exit(), later.toString());
        assertTrue(later.out().contains("verified at height 1 (certificate by 3 of 4 validators)"), later.toString());
    }

    @Test
    void offlineSignThenSendRawWaitIsVerified() {
        WalletRun.Result signed = wallet.run("--keystore", tmp.resolve("keys").toString(), "--password-file",
            tmp.resolve("password").toString(), "sign", "--chain-id", TestChain.CHAIN_ID, "--nonce", "0", "--to",
            chain.bob.address().toString(), "--amount", "42");
        assertEquals(0, signed.exit(), signed.toString());
        wallet.pacer = d -> node.commitBlock();
        wallet.stdin = signed.out();
        WalletRun.Result sent = run("send-raw", "-", "--wait");
        assertEquals(0, sent.exit(), sent.toString());
        assertTrue(sent.out().contains("verified at height 1"), sent.toString());
        assertEquals(42, chain.chain.account(chain.bob.address()).balance());
    }

    @Test
    void failedTransactionExitsNonZeroWithItsReason() {
        wallet.pacer = d -> node.commitBlock();
        WalletRun.Result r = run("transfer", "--to", chain.bob.address().toString(), "--amount", "2000000", "--wait");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("status: failed"), r.toString());
        assertTrue(r.err().startsWith("error: transaction failed in block 1: INSUFFICIENT_BALANCE"), r.toString());
    }

    @Test
    void waitingGivesUpAtTheDeadline() {
        MutableClock clock = new MutableClock();
        wallet.clock = clock;
        wallet.pacer = clock::advance; // nothing is ever committed
        WalletRun.Result r = run("--timeout", "3", "transfer", "--to", chain.bob.address().toString(), "--amount", "5",
            "--wait");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: timed out after 3 s waiting for transaction"), r.toString());
        Head head = chain.chain.head();
        assertEquals(0, head.height());
    }

    @Test
    void unreachableNodeIsAOneLineError() {
        WalletRun.Result r = wallet.run("--rpc", "http://127.0.0.1:1/", "--no-verify", "balance",
            chain.bob.address().toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: cannot reach node at http://127.0.0.1:1/"), r.toString());
        assertEquals(1, r.err().strip().lines().count());
    }
}
