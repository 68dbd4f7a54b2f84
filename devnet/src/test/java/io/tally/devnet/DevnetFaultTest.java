package io.tally.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tally.crypto.Address;
import io.tally.crypto.Ed25519;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.genesis.Allocation;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import io.tally.node.net.Peers;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault scenarios on a real 4-validator network (separate JVMs on 127.0.0.1), through the same
 * interfaces an operator and a client use: the node program, JSON-RPC and the wallet CLI.
 *
 * <p>One network serves the whole class, because starting four JVMs costs more than most
 * scenarios. Each test still stands alone: before it, every validator is (re)started and all
 * agree on the head; each restores that state before it ends; and each ends by checking the
 * invariants I1, I3 and I4 over every transaction acknowledged so far in the class, so a later
 * fault must also preserve what earlier scenarios committed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DevnetFaultTest {
    private static final Duration PROGRESS = Duration.ofSeconds(30);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final long ALICE_FUNDS = 1_000_000_000L;
    private static final long LOAD_FUNDS = 1_000_000_000_000L;

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentLinkedQueue<LoadGenerator.Ack> acks = new ConcurrentLinkedQueue<>();
    private final List<Address> recipients = new ArrayList<>();
    private Devnet net;
    private InvariantChecker checker;
    private Wallet wallet;
    private LoadGenerator load;
    private Address bob;
    private Probe probe;
    private KeyPair rogueSender;
    private KeyPair followerKey;

    @RegisterExtension
    final TestWatcher dumpLogsOnFailure = DevnetFixtures.dumpLogsOnFailure(() -> net);

    @BeforeAll
    void createAndStartNetwork() throws IOException {
        wallet = new Wallet(dir.resolve("wallet"));
        Address alice = wallet.newKey("alice");
        bob = wallet.newKey("bob");
        Address carol = wallet.newKey("carol");
        List<Allocation> alloc = new ArrayList<>(List.of(new Allocation(alice, ALICE_FUNDS),
            new Allocation(carol, ALICE_FUNDS)));
        List<KeyPair> loadKeys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            KeyPair k = Ed25519.generate(random);
            loadKeys.add(k);
            alloc.add(new Allocation(k.address(), LOAD_FUNDS));
        }
        recipients.add(bob);
        for (int i = 0; i < 4; i++) {
            recipients.add(Ed25519.generate(random).address());
        }
        KeyPair probeSender = Ed25519.generate(random);
        rogueSender = Ed25519.generate(random);
        alloc.add(new Allocation(probeSender.address(), ALICE_FUNDS));
        alloc.add(new Allocation(rogueSender.address(), ALICE_FUNDS));
        followerKey = Ed25519.generate(random);

        probe = new Probe(probeSender, bob, acks);
        net = Devnet.create(dir.resolve("net"), 4, alloc, List.of(followerKey.publicKey()));
        checker = new InvariantChecker(net.genesis());
        load = new LoadGenerator(net::runningValidators, Devnet.CHAIN_ID, loadKeys, recipients.subList(1, 5), acks);
        net.startAllAndConverge();
    }

    @BeforeEach
    void allValidatorsUpAndAgreed() {
        net.startAllAndConverge();
    }

    @AfterEach
    void stopLoadAndExtraNodes() {
        load.stop();
        net.killExtraNodes();
        DevnetFixtures.assertLoadCleanAndValidatorsAlive(load, net);
    }

    @AfterAll
    void tearDown() throws IOException {
        DevnetFixtures.tearDown(load, net, "");
    }

    /** Progress lines in the test output, to read a run afterwards. */
    private static void log(String format, Object... args) {
        System.out.printf("[devnet-test %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }

    @Test
    @Order(1)
    void walletTransfersCommitOnEveryValidatorAndAllAgree() {
        long before = net.node(0).rpc().headHeight();
        for (int i = 0; i < net.size(); i++) {
            JsonNode done = walletTransfer(net.node(i), "alice", bob, 100 + i);
            assertEquals("committed", done.path("status").asText(), "transfer through " + net.node(i).name());
            assertTrue(done.path("verified").asBoolean(), "the wallet verified the inclusion proof");
        }
        for (NodeProcess n : net.validators()) {
            JsonNode balance = walletJson(n, "balance", bob.toString());
            assertEquals(Long.toString(100 + 101 + 102 + 103), balance.path("balance").asText(),
                "bob's balance read (verified) from " + n.name());
        }
        long head = checker.check(net.validators(), acks, recipients);
        log("wallet transfers committed; head %d", head);
        assertTrue(head > before, "blocks were committed");
    }

    @Test
    @Order(2)
    void killedPrimaryIsReplacedByViewChangeAndRejoinsAfterRestart() {
        load.start();
        Probe.awaitAcks(acks, 10, PROGRESS);
        int primary = net.node(0).rpc().consensusStatus().path("primaryIndex").asInt();
        NodeProcess victim = net.node(primary);
        List<NodeProcess> survivors = others(victim);

        victim.kill();
        long killedAt = Probe.maxHead(survivors);
        log("killed primary %s at height %d with %d acks", victim.name(), killedAt, acks.size());
        int acksAtKill = acks.size();
        Poll.until("the survivors to commit 5 blocks and 10 transfers without " + victim.name(), PROGRESS,
            () -> Probe.minHead(survivors) >= killedAt + 5 && acks.size() >= acksAtKill + 10);
        assertTrue(viewAboveZeroCommittedIn(survivors.get(0), killedAt + 1, killedAt + 5),
            "a block after the kill was committed in a later view (the view changed)");

        log("survivors at %d, %d acks", Probe.minHead(survivors), acks.size());
        Devnet.startAndAwaitRpc(victim);
        long target = Probe.maxHead(survivors);
        log("restarted %s at %d, target %d", victim.name(), victim.rpc().headHeight(), target);
        Poll.until(victim.name() + " to catch up to height " + target, CATCH_UP,
            () -> victim.rpc().headHeight() >= target);
        int acksAtRejoin = acks.size();
        Poll.until("5 more transfers with " + victim.name() + " back", PROGRESS, () -> acks.size() >= acksAtRejoin + 5);
        load.stop();
        checker.check(net.validators(), acks, recipients);
    }

    @Test
    @Order(3)
    void pausedPrimaryIsReplacedAndFollowsTheNewViewWhenResumed() {
        load.start();
        Probe.awaitAcks(acks, 10, PROGRESS);
        int primary = net.node(0).rpc().consensusStatus().path("primaryIndex").asInt();
        NodeProcess paused = net.node(primary);
        List<NodeProcess> others = others(paused);

        paused.pause();
        long pausedAt = Probe.maxHead(others);
        int acksAtPause = acks.size();
        log("paused primary %s at height %d", paused.name(), pausedAt);
        Poll.until("the others to commit 5 blocks and 10 transfers while " + paused.name() + " is frozen", PROGRESS,
            () -> Probe.minHead(others) >= pausedAt + 5 && acks.size() >= acksAtPause + 10);
        assertTrue(viewAboveZeroCommittedIn(others.get(0), pausedAt + 1, pausedAt + 5),
            "a block after the pause was committed in a later view");

        paused.resume();
        long target = Probe.maxHead(others);
        Poll.until(paused.name() + " to catch up to " + target + " after SIGCONT", CATCH_UP,
            () -> paused.rpc().headHeight() >= target);
        int acksAtResume = acks.size();
        Poll.until("5 more transfers after the resume", PROGRESS, () -> acks.size() >= acksAtResume + 5);
        load.stop();
        checker.check(net.validators(), acks, recipients);
    }

    @Test
    @Order(4)
    void validatorsKilledAtRandomInstantsUnderLoadLoseNothing() {
        long seed = Long.getLong("devnet.crashSeed", System.nanoTime());
        int cycles = Integer.getInteger("devnet.crashCycles", 6);
        Random rnd = new Random(seed);
        log("crash loop: %d cycles, seed %d", cycles, seed);
        load.start();
        for (int cycle = 0; cycle < cycles; cycle++) {
            int more = 1 + rnd.nextInt(5);
            Probe.awaitAcks(acks, more, PROGRESS);
            NodeProcess victim = net.node(rnd.nextInt(net.size()));
            victim.kill();
            List<NodeProcess> survivors = others(victim);
            Probe.awaitAcks(acks, 3, PROGRESS);
            Devnet.startAndAwaitRpc(victim);
            long target = Probe.maxHead(survivors);
            Poll.until(victim.name() + " to catch up to " + target + " (cycle " + cycle + ", seed " + seed + ")", CATCH_UP,
                () -> victim.rpc().headHeight() >= target);
        }
        load.stop();
        checker.check(net.validators(), acks, recipients);
    }

    @Test
    @Order(5)
    void nodeWithEmptyDataDirResyncsFromGenesisAndVotesAgain() throws IOException {
        long head = Devnet.awaitSameHead(net.validators(), CATCH_UP);
        NodeProcess wiped = net.node(3);
        wiped.kill();
        wiped.wipeData();
        Devnet.startAndAwaitRpc(wiped);
        log("%s restarted with an empty data dir at height %d; network at %d", wiped.name(),
            wiped.rpc().headHeight(), head);
        String opened = wiped.logText().lines().filter(l -> l.contains("ledger open:")).reduce((a, b) -> b).orElse("");
        assertTrue(opened.contains("head height=0 "), "the node started from genesis: " + opened);
        Poll.until(wiped.name() + " to resync from genesis to height " + head, CATCH_UP,
            () -> wiped.rpc().headHeight() >= head);

        // with another validator down, nothing commits unless the resynced node votes (quorum 3 of 4)
        NodeProcess stopped = net.node(1);
        stopped.kill();
        Hash tx = probe.send(net.node(0));
        probe.awaitCommitted(tx, List.of(wiped), PROGRESS);
        long quorumHead = wiped.rpc().headHeight();
        assertTrue(quorumHead > head, "a block was committed with " + wiped.name() + " in the quorum");

        Devnet.startAndAwaitRpc(stopped);
        checker.check(net.validators(), acks, recipients);
    }

    @Test
    @Order(6)
    void withTwoOfFourDownNothingCommitsAndProgressResumesWhenOneReturns() {
        NodeProcess a = net.node(1);
        NodeProcess b = net.node(2);
        a.kill();
        b.kill();
        List<NodeProcess> live = List.of(net.node(0), net.node(3));
        long frozen = Devnet.awaitSameHead(live, CATCH_UP);
        log("two validators down; the others frozen at %d", frozen);
        Hash pending = probe.send(net.node(0));
        Poll.holdsFor("no block is committed by 2 of 4 validators while a transfer is pending", Duration.ofSeconds(8),
            () -> live.stream().allMatch(n -> n.rpc().headHeight() == frozen
                && !n.rpc().transaction(pending).path("status").asText().equals("committed")));

        Devnet.startAndAwaitRpc(a);
        probe.awaitCommitted(pending, List.of(net.node(0), net.node(3), a), PROGRESS);
        Devnet.startAndAwaitRpc(b);
        checker.check(net.validators(), acks, recipients);
    }

    @Test
    @Order(7)
    void allValidatorsKilledAtOnceRestartFromTheirLastCommittedBlocks() {
        load.start();
        Probe.awaitAcks(acks, 10, PROGRESS);
        List<JsonNode> before = blocksUpToHead(net.node(0));
        for (NodeProcess n : net.validators()) {
            n.kill();
        }
        int acksBeforeRestart = acks.size();
        for (NodeProcess n : net.validators()) {
            n.start();
        }
        net.validators().forEach(Devnet::awaitRpc);
        long recorded = before.size() - 1;
        log("all killed after %d acks; recorded chain up to %d; heads after restart %s", acksBeforeRestart, recorded,
            net.validators().stream().map(n -> n.name() + "=" + n.rpc().headHeight()).toList());
        for (NodeProcess n : net.validators()) {
            Poll.until(n.name() + " to hold the chain up to " + recorded + " again", CATCH_UP,
                () -> n.rpc().headHeight() >= recorded);
            for (long h = 0; h <= recorded; h++) {
                assertEquals(before.get((int) h).path("hash").asText(), n.rpc().block(h).path("hash").asText(),
                    n.name() + " block " + h + " after the restart");
            }
        }
        Poll.until("10 more transfers after the restart", PROGRESS, () -> acks.size() >= acksBeforeRestart + 10);
        load.stop();
        checker.check(net.validators(), acks, recipients);
    }

    @Test
    @Order(8)
    void unpermissionedNodeCannotConnectGossipOrSync() throws IOException {
        KeyPair stranger = Ed25519.generate(random);
        NodeProcess rogue = net.extraNode("rogue", stranger);
        Devnet.startAndAwaitRpc(rogue);
        long head = net.node(0).rpc().headHeight();
        Hash rogueTx = rogue.rpc().send(Transaction.sign(rogueSender, Devnet.CHAIN_ID, 0,
            new TransferPayload(bob, 5)));
        assertEquals("pending", rogue.rpc().transaction(rogueTx).path("status").asText(), "the rogue admitted it");
        // control: in the same window, gossip and commits work between the validators
        Hash control = probe.send(net.node(1));
        probe.awaitCommitted(control, net.validators(), PROGRESS);

        Poll.holdsFor("the rogue stays unconnected, unsynced, and its transaction unknown to validators",
            Duration.ofSeconds(6), () -> rogue.rpc().nodeStatus().path("peers").asInt() == 0
                && rogue.rpc().headHeight() == 0
                && net.validators().stream().allMatch(v -> v.rpc().nodeStatus().path("peers").asInt() <= net.size() - 1
                    && v.rpc().transaction(rogueTx).path("status").asText().equals("unknown")));
        assertTrue(net.node(0).rpc().headHeight() > head, "the validators kept committing meanwhile");
        String rogueId = Peers.peerId(stranger.publicKey()).toString();
        // it did try: every validator refused it at the handshake
        Poll.until("every validator to log its refusal of " + rogueId, PROGRESS, () -> net.validators().stream()
            .allMatch(v -> v.logText().contains("refusing peer " + rogueId + ": not on the allowlist")));
        for (NodeProcess v : net.validators()) {
            assertFalse(v.logText().lines().anyMatch(l -> l.contains("peer connected") && l.contains(rogueId)),
                v.name() + " logged a connection from the rogue " + rogueId);
        }
        rogue.kill();
        checker.check(net.validators(), acks, recipients);
    }

    @Test
    @Order(9)
    void rpcAndWalletWorkAgainstAFollowerWhileItSyncs() throws IOException {
        load.start();
        Poll.until("at least 40 blocks before the follower starts", CATCH_UP,
            () -> net.node(0).rpc().headHeight() >= 40);
        load.stop();
        long head = Devnet.awaitSameHead(net.validators(), CATCH_UP);

        NodeProcess follower = net.extraNode("follower", followerKey);
        follower.start();
        long firstSeen = Poll.value("the follower's first JSON-RPC answer", CATCH_UP,
            () -> Optional.of(follower.rpc().nodeStatus().path("height").asLong()));
        JsonNode servedWhileBehind = follower.rpc().block(firstSeen);
        log("follower first answered at height %d of %d", firstSeen, head);
        assertTrue(firstSeen < head, "the follower answered while behind (at " + firstSeen + " of " + head + ")");

        // the first thing a client does with the fresh follower: send through it and wait for the commit
        JsonNode done = walletTransfer(follower, "carol", bob, 7);
        assertEquals("committed", done.path("status").asText(), "transfer through the follower");
        assertTrue(done.path("verified").asBoolean(), "inclusion verified through the follower");
        JsonNode balance = walletJson(follower, "balance", "carol");
        assertTrue(balance.path("verified").asBoolean(), "the follower's state proof verified: " + balance);
        assertEquals(Long.toString(ALICE_FUNDS - 7), balance.path("balance").asText(), "carol's balance via the follower");
        assertEquals(net.node(0).rpc().block(firstSeen).path("hash").asText(), servedWhileBehind.path("hash").asText(),
            "the block the follower served while behind is the validators' block");
        List<NodeProcess> all = new ArrayList<>(net.validators());
        all.add(follower);
        assertNotEquals(0, checker.check(all, acks, recipients));
        follower.kill();
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode walletTransfer(NodeProcess node, String from, Address to, long amount) {
        JsonNode r = walletJson(node, "transfer", "--from", from, "--to", to.toString(), "--amount",
            Long.toString(amount), "--wait");
        if (r.path("status").asText().equals("committed")) {
            acks.add(new LoadGenerator.Ack(Hash.fromHex(r.path("hash").asText()), r.path("blockHeight").asLong(),
                r.path("blockHash").asText()));
        }
        return r;
    }

    private JsonNode walletJson(NodeProcess node, String... command) {
        List<String> args = new ArrayList<>(List.of("--rpc", node.rpc().uri().toString(), "--genesis",
            net.genesisFile().toString(), "--json", "--timeout", "60"));
        args.addAll(List.of(command));
        Wallet.Result r = wallet.run(args.toArray(String[]::new)).assertOk(String.join(" ", command) + " on " + node.name());
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("wallet printed no JSON: " + r.out(), e);
        }
    }

    private List<NodeProcess> others(NodeProcess n) {
        return net.validators().stream().filter(v -> v != n).toList();
    }

    private static boolean viewAboveZeroCommittedIn(NodeProcess n, long from, long to) {
        for (long h = from; h <= to; h++) {
            if (n.rpc().call("tally_getCertificate", h).path("view").asLong() > 0) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> blocksUpToHead(NodeProcess n) {
        long head = n.rpc().headHeight();
        List<JsonNode> out = new ArrayList<>();
        for (long h = 0; h <= head; h++) {
            out.add(n.rpc().block(h));
        }
        return out;
    }
}
