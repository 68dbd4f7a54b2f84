package io.tally.rpc.bench;

import io.tally.crypto.Bytes;
import io.tally.ledger.tx.Transaction;
import io.tally.rpc.RpcClient;
import io.tally.rpc.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints a real request and response for every method, against a real ledger, to keep the
 * examples in docs/rpc.md true. Not part of the test suite.
 */
public final class DocExamples {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tally-rpc-doc");
        try (TestNode node = new TestNode(dir, TestNode.testConfig())) {
            RpcClient rpc = RpcClient.of(node);
            Transaction t = node.ledger.transfer(node.account(0), 0, node.account(1).address(), 250);
            Transaction r = node.ledger.record(node.account(1), 0, "key".getBytes(StandardCharsets.UTF_8),
                "value".getBytes(StandardCharsets.UTF_8));
            show(rpc, "tally_sendRawTransaction", Bytes.toHex(t.encoded()));
            rpc.result("tally_sendRawTransaction", Bytes.toHex(r.encoded()));
            node.produceBlock();
            node.chain.putEvidence(1, node.ledger.validators.get(2), new byte[] {1, 2, 3});
            show(rpc, "tally_chainInfo");
            show(rpc, "tally_getBlockByHeight", 1, true);
            show(rpc, "tally_getBlockByHash", node.chain.head().hash().toHex(), false);
            show(rpc, "tally_getCertificate", 1);
            show(rpc, "tally_getTransaction", t.hash().toHex());
            show(rpc, "tally_getAccount", node.account(1).address().toString());
            show(rpc, "tally_getRecord", node.account(1).address().toString(), "6b6579");
            show(rpc, "tally_getRecord", node.account(1).address().toString(), "6e6f");
            show(rpc, "tally_validators");
            show(rpc, "tally_nodeStatus");
            show(rpc, "tally_consensusStatus");
            show(rpc, "tally_getEvidence", 0);
            show(rpc, "tally_sendRawTransaction", Bytes.toHex(t.encoded()));
        }
    }

    static void show(RpcClient rpc, String method, Object... params) throws Exception {
        System.out.println(RpcClient.JSON.writeValueAsString(rpc.request(method, params)));
        System.out.println(RpcClient.JSON.writeValueAsString(rpc.call(method, params)));
        System.out.println();
    }
}
