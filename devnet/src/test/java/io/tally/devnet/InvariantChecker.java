package io.tally.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.genesis.Genesis;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.rpc.json.BlockJson;
import io.tally.rpc.json.CertificateJson;
import io.tally.rpc.json.JsonFormatException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The global invariants (docs/testing.md), checked black-box over JSON-RPC once the nodes have
 * settled on one head:
 * <ul>
 * <li>I1 agreement: every node has the same block hash at every height; each header hashes to the
 * hash the node claims and links to its parent (block 0 to the genesis hash); every commit
 * certificate carries a quorum of valid validator signatures for that block.</li>
 * <li>I2 (black-box part): no node recorded evidence of equivocation — all validators here are
 * honest, so any evidence is a bug.</li>
 * <li>I3 acknowledged durability: every transaction a node acknowledged as committed is in the
 * chain of every node, in the same block.</li>
 * <li>I4 integrity: the state root is the same at every height; no transaction appears twice;
 * the balances of every account that ever held funds sum to the genesis total supply.</li>
 * </ul>
 */
final class InvariantChecker {
    private static final int BATCH = 200;

    private final Genesis genesis;
    /** Certificates already verified, by their JSON text: each is checked once per test class. */
    private final Set<String> verifiedCertificates = new HashSet<>();

    InvariantChecker(Genesis genesis) {
        this.genesis = genesis;
    }

    /**
     * Waits until {@code nodes} agree on the head, then checks I1, I3 and I4 for {@code acks} and
     * the accounts in genesis plus {@code recipients}. Returns the common head height.
     */
    long check(List<NodeProcess> nodes, Collection<LoadGenerator.Ack> acks, Collection<Address> recipients) {
        long head = Devnet.awaitSameHead(nodes, Duration.ofSeconds(60));
        List<List<JsonNode>> chains = new ArrayList<>();
        for (NodeProcess n : nodes) {
            List<JsonNode> blocks = blocks(n, head);
            checkOwnChain(n, blocks, head);
            chains.add(blocks);
        }
        for (long h = 0; h <= head; h++) {
            JsonNode first = chains.get(0).get((int) h);
            for (int i = 1; i < nodes.size(); i++) {
                JsonNode other = chains.get(i).get((int) h);
                assertEquals(first.path("hash").asText(), other.path("hash").asText(),
                    "I1: " + nodes.get(0).name() + " and " + nodes.get(i).name() + " differ at height " + h);
                assertEquals(first.path("header").path("stateRoot").asText(), other.path("header").path("stateRoot").asText(),
                    "I4: state roots differ at height " + h);
            }
        }
        for (NodeProcess n : nodes) {
            checkCertificates(n, chains.get(nodes.indexOf(n)), head);
            checkAcks(n, acks);
            checkSupply(n, recipients);
            JsonNode evidence = n.rpc().call("tally_getEvidence", 0);
            assertEquals(0, evidence.size(), "I2: " + n.name() + " recorded misbehaviour by an honest validator: " + evidence);
        }
        return head;
    }

    private static List<JsonNode> blocks(NodeProcess n, long head) {
        List<JsonNode> out = new ArrayList<>();
        for (long from = 0; from <= head; from += BATCH) {
            List<RpcClient.Call> calls = new ArrayList<>();
            for (long h = from; h <= Math.min(head, from + BATCH - 1); h++) {
                calls.add(new RpcClient.Call("tally_getBlockByHeight", List.of(h, false)));
            }
            out.addAll(n.rpc().batch(calls));
        }
        return out;
    }

    /** Header hashes recomputed, parent links, heights, and each transaction at most once. */
    private void checkOwnChain(NodeProcess n, List<JsonNode> blocks, long head) {
        Hash previous = genesis.hash();
        Set<String> txs = new HashSet<>();
        for (long h = 0; h <= head; h++) {
            BlockHeader header;
            try {
                header = BlockJson.fromJson(blocks.get((int) h)).header();
            } catch (JsonFormatException e) {
                throw new AssertionError("I1: " + n.name() + " serves a block " + h + " whose hash does not check: "
                    + e.getMessage(), e);
            }
            assertEquals(h, header.height(), n.name() + ": block at height " + h);
            assertEquals(previous, header.previousHash(), "I4: " + n.name() + ": block " + h + " does not link to its parent");
            previous = header.hash();
            for (JsonNode tx : blocks.get((int) h).path("transactionHashes")) {
                assertTrue(txs.add(tx.asText()), "I4: " + n.name() + ": transaction " + tx.asText() + " appears twice");
            }
        }
    }

    private void checkCertificates(NodeProcess n, List<JsonNode> blocks, long head) {
        for (long from = 1; from <= head; from += BATCH) {
            List<RpcClient.Call> calls = new ArrayList<>();
            for (long h = from; h <= Math.min(head, from + BATCH - 1); h++) {
                calls.add(new RpcClient.Call("tally_getCertificate", List.of(h)));
            }
            List<JsonNode> certs = n.rpc().batch(calls);
            for (int i = 0; i < certs.size(); i++) {
                long h = from + i;
                String text = certs.get(i).toString();
                if (verifiedCertificates.contains(text)) {
                    continue;
                }
                try {
                    CommitCertificate c = CertificateJson.fromJson(certs.get(i));
                    c.verifyFor(genesis.chainId(), genesis.validatorSet(), h,
                        Hash.fromHex(blocks.get((int) h).path("hash").asText()));
                } catch (JsonFormatException | InvalidCertificateException e) {
                    fail("I1: " + n.name() + ": certificate of block " + h + " does not verify: " + e.getMessage());
                }
                verifiedCertificates.add(text);
            }
        }
    }

    private static void checkAcks(NodeProcess n, Collection<LoadGenerator.Ack> acks) {
        List<LoadGenerator.Ack> list = List.copyOf(acks);
        for (int from = 0; from < list.size(); from += BATCH) {
            List<LoadGenerator.Ack> part = list.subList(from, Math.min(list.size(), from + BATCH));
            List<RpcClient.Call> calls = part.stream()
                .map(a -> new RpcClient.Call("tally_getTransaction", List.<Object>of(a.hash().toHex()))).toList();
            List<JsonNode> answers = n.rpc().batch(calls);
            for (int i = 0; i < part.size(); i++) {
                LoadGenerator.Ack a = part.get(i);
                JsonNode r = answers.get(i);
                String where = "I3: acknowledged transaction " + a.hash() + " (block " + a.height() + ") on " + n.name();
                assertEquals("committed", r.path("status").asText(), where + ": status");
                assertEquals(a.height(), r.path("blockHeight").asLong(), where + ": height");
                assertEquals(a.blockHash(), r.path("blockHash").asText(), where + ": block hash");
            }
        }
    }

    /**
     * I4: the balances of every account that ever held funds add up to the genesis supply. A batch
     * of reads is not a snapshot: a straggler transaction committing in the middle of it (one
     * acknowledged by a node while it was cut off, say) would show a transfer half applied. So the
     * sum counts only if the head did not move during the batch; otherwise it is read again.
     */
    private void checkSupply(NodeProcess n, Collection<Address> recipients) {
        SortedSet<Address> accounts = new TreeSet<>(genesis.balances().keySet());
        accounts.addAll(recipients);
        List<RpcClient.Call> calls = accounts.stream()
            .map(a -> new RpcClient.Call("tally_getAccount", List.<Object>of(a.toString()))).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            long before = n.rpc().headHeight();
            BigInteger sum = BigInteger.ZERO;
            for (JsonNode r : n.rpc().batch(calls)) {
                BigInteger balance = new BigInteger(r.path("balance").asText());
                assertTrue(balance.signum() >= 0, "I4: negative balance on " + n.name() + ": " + r);
                sum = sum.add(balance);
            }
            long after = n.rpc().headHeight();
            if (before == after || System.nanoTime() > deadline) {
                assertEquals(before, after, "I4: " + n.name() + " kept committing for 30 s after the load stopped");
                assertEquals(BigInteger.valueOf(genesis.totalSupply()), sum,
                    "I4: total supply on " + n.name() + " at height " + after);
                return;
            }
        }
    }
}
