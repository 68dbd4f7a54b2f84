package io.tally.devnet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Address;
import io.tally.crypto.Ed25519;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.genesis.Allocation;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
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
 * Network partitions on a real 4-validator network whose p2p links all run through
 * {@link LinkProxy} relays the test clogs and unclogs: the primary cut off from the rest, and a
 * 2–2 split with no quorum on either side. Each test heals the network and ends with the
 * invariant checks (I1–I4, as in {@link DevnetFaultTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PartitionTest {
    private static final Duration PROGRESS = Duration.ofSeconds(30);
    private static final Duration PARTITION = Duration.ofSeconds(8);

    @TempDir
    static Path dir;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentLinkedQueue<LoadGenerator.Ack> acks = new ConcurrentLinkedQueue<>();
    private final List<Address> recipients = new ArrayList<>();
    private Devnet net;
    private InvariantChecker checker;
    private LoadGenerator load;
    private Probe probe;

    @RegisterExtension
    final TestWatcher dumpLogsOnFailure = DevnetFixtures.dumpLogsOnFailure(() -> net);

    @BeforeAll
    void createAndStartNetwork() throws IOException {
        List<Allocation> alloc = new ArrayList<>();
        List<KeyPair> loadKeys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            KeyPair k = Ed25519.generate(random);
            loadKeys.add(k);
            alloc.add(new Allocation(k.address(), 1_000_000_000L));
        }
        KeyPair probeSender = Ed25519.generate(random);
        alloc.add(new Allocation(probeSender.address(), 1_000_000_000L));
        for (int i = 0; i < 3; i++) {
            recipients.add(Ed25519.generate(random).address());
        }
        probe = new Probe(probeSender, recipients.get(0), acks);
        net = Devnet.create(dir.resolve("net"), 4, alloc, List.of(), true);
        checker = new InvariantChecker(net.genesis());
        load = new LoadGenerator(net::runningValidators, Devnet.CHAIN_ID, loadKeys, recipients, acks);
        net.startAllAndConverge();
    }

    @BeforeEach
    void healedAndAgreed() {
        net.heal();
        net.startAllAndConverge();
    }

    @AfterEach
    void stopLoadAndHeal() {
        load.stop();
        net.heal();
        DevnetFixtures.assertLoadCleanAndValidatorsAlive(load, net);
    }

    @AfterAll
    void tearDown() throws IOException {
        DevnetFixtures.tearDown(load, net, "partition");
    }

    @Test
    @Order(1)
    void isolatedPrimaryIsReplacedAndRejoinsAfterHealing() {
        load.start();
        Probe.awaitAcks(acks, 10, PROGRESS);
        int primary = net.node(0).rpc().consensusStatus().path("primaryIndex").asInt();
        NodeProcess isolated = net.node(primary);
        List<NodeProcess> majority = net.validators().stream().filter(v -> v != isolated).toList();

        net.partition(Set.of(primary));
        long cutAt = Probe.maxHead(majority);
        int acksAtCut = acks.size();
        Poll.until("the majority to commit 3 blocks and 5 transfers without " + isolated.name(), PROGRESS,
            () -> Probe.minHead(majority) >= cutAt + 3 && acks.size() >= acksAtCut + 5);
        assertTrue(LongStream.rangeClosed(cutAt + 1, cutAt + 3).anyMatch(
                h -> majority.get(0).rpc().call("tally_getCertificate", h).path("view").asLong() > 0),
            "a block after the cut was committed in a later view (the view changed)");
        long isolatedHead = isolated.rpc().headHeight();
        assertTrue(isolatedHead <= cutAt + 1, "the isolated primary cannot commit on its own (head " + isolatedHead
            + ", cut at " + cutAt + ")");

        net.heal();
        long target = Probe.maxHead(majority);
        Poll.until(isolated.name() + " to catch up to " + target + " after healing", PROGRESS,
            () -> isolated.rpc().headHeight() >= target);
        int acksAtHeal = acks.size();
        Poll.until("5 more transfers after healing", PROGRESS, () -> acks.size() >= acksAtHeal + 5);
        load.stop();
        checker.check(net.validators(), acks, recipients);
    }

    @Test
    @Order(2)
    void twoTwoSplitCommitsNothingAndResumesAfterHealing() {
        long frozen = Devnet.awaitSameHead(net.validators(), PROGRESS);
        net.partition(Set.of(0, 1));
        Hash left = probe.send(net.node(0));
        Hash right = probe.send(net.node(2));
        Poll.holdsFor("no side of a 2-2 split commits while transfers are pending", PARTITION,
            () -> net.validators().stream().allMatch(n -> n.rpc().headHeight() == frozen));

        net.heal();
        probe.awaitCommitted(left, net.validators(), PROGRESS);
        probe.awaitCommitted(right, net.validators(), PROGRESS);
        checker.check(net.validators(), acks, recipients);
    }
}
