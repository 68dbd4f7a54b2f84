package io.tally.consensus.sim;

import io.tally.consensus.Action;
import io.tally.consensus.ConsensusMessage;
import io.tally.consensus.Event;
import io.tally.consensus.PbftConfig;
import io.tally.consensus.PbftReplica;
import io.tally.consensus.PersistedRecord;
import io.tally.consensus.PrePrepare;
import io.tally.consensus.Prepare;
import io.tally.consensus.Commit;
import io.tally.consensus.SignedMessage;
import io.tally.consensus.driver.InMemoryVoteStore;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.crypto.Signature;
import io.tally.crypto.Signer;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.codec.ByteWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Deterministic simulation of a PBFT cluster in one thread: a seeded scheduler, a network with
 * delay, loss, duplication, reordering, partitions and flapping links, crashes at every
 * persist/send boundary with restart from the durable vote store, and Byzantine validators.
 * Safety (agreement, no honest double-signing, valid certificates, chaining) is checked as each
 * step's actions are applied; liveness is checked after the faults heal.
 */
public final class Simulation {

    /** What a Byzantine validator does on top of an otherwise correct core. */
    public enum Byzantine { SILENT, EQUIVOCATE, DOUBLE_VOTE, FORGE, FLOOD, INVALID_BLOCKS }

    /**
     * @param twinnedKeys validator indices that run as two instances with one key (Twins)
     * @param twinPartition put each twin pair on opposite sides of a permanent partition
     * @param heartbeatOnly no transaction load: blocks come only from the heartbeat timer
     */
    public record Options(int n, long seed, int heights, boolean faults, List<Byzantine> byzantine,
            List<Integer> twinnedKeys, boolean twinPartition, boolean heartbeatOnly) {
        public Options(int n, long seed, int heights, boolean faults, List<Byzantine> byzantine,
                List<Integer> twinnedKeys, boolean twinPartition) {
            this(n, seed, heights, faults, byzantine, twinnedKeys, twinPartition, false);
        }
    }

    public record Result(long seed, int n, List<String> violations, long steps, long simMillis, long minHonestHeight,
            long evidence, long refusedVotes, long maxView) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    static final long BASE_TIMEOUT = 300;
    static final int CAP = 8;
    static final long RETRANSMIT = 200;
    static final long HEARTBEAT = 400;
    /** I5: after healing, a new block within three maximum view timeouts plus network slack. */
    static final long LIVENESS_BOUND = 3 * BASE_TIMEOUT * CAP + 2_000;

    private final Options opt;
    private final SplittableRandom rnd;
    private final ValidatorSet vset;
    private final SimChain chain;
    private final PbftConfig config;
    private final List<Node> nodes = new ArrayList<>();
    private final PriorityQueue<Item> queue = new PriorityQueue<>();
    private final List<String> violations = new ArrayList<>();
    private final TreeMap<Long, Hash> decided = new TreeMap<>();
    private final TreeMap<String, Hash> signedByHonest = new TreeMap<>();
    private boolean[][] blocked;
    private long now;
    private long seq;
    private long steps;
    private long evidence;
    private double loss;
    private double dup;
    private long maxDelay;
    private long faultEnd;
    private boolean healed;
    private long target;
    private long healHeight;

    private record Item(long time, long seq, int node, int incarnation, Object what) implements Comparable<Item> {
        @Override
        public int compareTo(Item o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private record SyncAttempt(long target, List<Integer> hints) {}

    private record Restart() {}

    private record FaultTick() {}

    private final class Node {
        final int id;
        final int index;
        final Signer signer;
        final Byzantine byzantine;
        final boolean twin;
        final int salt;
        final InMemoryVoteStore store = new InMemoryVoteStore();
        final List<Block> blocks = new ArrayList<>();
        final List<SignedMessage> sentLog = new ArrayList<>();
        PbftReplica replica;
        boolean crashed;
        int incarnation;
        boolean syncScheduled;

        Node(int id, int index, Byzantine byzantine, boolean twin, int salt) {
            this.id = id;
            this.index = index;
            this.signer = Signer.of(SimChain.key(index));
            this.byzantine = byzantine;
            this.twin = twin;
            this.salt = salt;
        }

        boolean honest() {
            return byzantine == null && !twin;
        }

        BlockHeader head() {
            return blocks.isEmpty() ? chain.genesis() : blocks.get(blocks.size() - 1).header();
        }

        long headHeight() {
            return blocks.size();
        }
    }

    public Simulation(Options opt) {
        this.opt = opt;
        this.rnd = new SplittableRandom(opt.seed());
        this.vset = SimChain.validators(opt.n());
        this.chain = new SimChain(vset, 16);
        PbftConfig c = PbftConfig.defaults(SimChain.CHAIN_ID).withTimeouts(BASE_TIMEOUT, CAP, RETRANSMIT);
        this.config = opt.heartbeatOnly() ? c.withHeartbeat(HEARTBEAT) : c;
        int id = 0;
        List<Integer> byzIndices = new ArrayList<>();
        for (int i = 0; i < opt.byzantine().size(); i++) {
            int idx;
            do {
                idx = rnd.nextInt(opt.n());
            } while (byzIndices.contains(idx) || opt.twinnedKeys().contains(idx));
            byzIndices.add(idx);
        }
        for (int i = 0; i < opt.n(); i++) {
            int b = byzIndices.indexOf(i);
            boolean twin = opt.twinnedKeys().contains(i);
            nodes.add(new Node(id++, i, b >= 0 ? opt.byzantine().get(b) : null, twin, 0));
        }
        for (int k : opt.twinnedKeys()) {
            nodes.add(new Node(id++, k, null, true, 1));
        }
        blocked = new boolean[nodes.size()][nodes.size()];
        if (opt.twinPartition()) {
            // Each twin pair straddles the cut; honest validators alternate sides.
            int side = 0;
            int[] sideOf = new int[nodes.size()];
            for (Node nd : nodes) {
                if (nd.twin) {
                    sideOf[nd.id] = nd.salt;
                } else {
                    sideOf[nd.id] = side;
                    side ^= 1;
                }
            }
            for (Node a : nodes) {
                for (Node b : nodes) {
                    blocked[a.id][b.id] = sideOf[a.id] != sideOf[b.id];
                }
            }
        }
        loss = opt.faults() ? rnd.nextDouble() * 0.2 : 0;
        dup = opt.faults() ? rnd.nextDouble() * 0.1 : 0.02;
        maxDelay = opt.faults() ? 20 + rnd.nextInt(180) : 20;
        faultEnd = opt.faults() ? 2_000 + rnd.nextInt(4_000) : 0;
        healed = !opt.faults();
        target = opt.heights();
    }

    public static Result run(Options opt) {
        return new Simulation(opt).execute();
    }

    private void schedule(long at, Node nd, Object what) {
        queue.add(new Item(at, seq++, nd.id, nd.incarnation, what));
    }

    private Result execute() {
        for (Node nd : nodes) {
            nd.replica = new PbftReplica(config, vset, nd.signer, chain.genesis(), List.of());
            schedule(rnd.nextInt(5), nd, new Event.Start(0));
            if (!opt.heartbeatOnly()) {
                schedule(10 + rnd.nextInt(20), nd, new Event.TransactionsPending(0));
            }
        }
        if (opt.faults()) {
            queue.add(new Item(100, seq++, -1, 0, new FaultTick()));
        }
        long deadline = opt.faults() ? faultEnd + LIVENESS_BOUND + target * 1_500L : LIVENESS_BOUND + target * 1_500L;
        boolean newCommitAfterHeal = false;
        while (!queue.isEmpty() && violations.isEmpty()) {
            Item it = queue.poll();
            now = it.time();
            if (!healed && now >= faultEnd) {
                heal();
            }
            if (now > deadline) {
                break;
            }
            if (it.what() instanceof FaultTick) {
                faultTick();
                continue;
            }
            Node nd = nodes.get(it.node());
            if (it.what() instanceof Restart) {
                if (nd.crashed && it.incarnation() == nd.incarnation) {
                    restart(nd);
                }
                continue;
            }
            if (nd.crashed || it.incarnation() != nd.incarnation) {
                continue;
            }
            if (it.what() instanceof SyncAttempt s) {
                nd.syncScheduled = false;
                sync(nd, s);
                continue;
            }
            List<Action> actions = nd.replica.step((Event) it.what());
            steps++;
            if (TRACE) {
                trace(nd, (Event) it.what(), actions);
            }
            apply(nd, actions);
            if (healed && opt.faults() && !newCommitAfterHeal && minHonestHeight() > healHeight) {
                newCommitAfterHeal = true;
            }
            if (healed && opt.faults() && !newCommitAfterHeal && now > faultEnd + LIVENESS_BOUND) {
                violations.add("I5 liveness: no honest commit within " + LIVENESS_BOUND + " ms after healing at "
                    + faultEnd + " ms (height " + healHeight + ")");
            }
            if (healed && minHonestHeight() >= target && !opt.twinPartition()) {
                break;
            }
        }
        if (violations.isEmpty() && !opt.twinPartition() && minHonestHeight() < target) {
            violations.add("I5 liveness: honest replicas reached only height " + minHonestHeight() + " of " + target
                + " by " + now + " ms (deadline " + deadline + " ms)");
        }
        long refused = 0;
        long maxView = 0;
        for (Node nd : nodes) {
            refused += nd.replica.refusedVotes();
            maxView = Math.max(maxView, nd.replica.view());
        }
        return new Result(opt.seed(), opt.n(), List.copyOf(violations), steps, now, minHonestHeight(), evidence,
            refused, maxView);
    }

    private long minHonestHeight() {
        long min = Long.MAX_VALUE;
        for (Node nd : nodes) {
            if (nd.honest()) {
                min = Math.min(min, nd.headHeight());
            }
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    // ------------------------------------------------------------------ faults

    private void heal() {
        healed = true;
        loss = 0;
        maxDelay = 20;
        for (boolean[] row : blocked) {
            Arrays.fill(row, false);
        }
        for (Node nd : nodes) {
            if (nd.crashed) {
                restart(nd);
            }
        }
        long max = 0;
        for (Node nd : nodes) {
            if (nd.honest()) {
                max = Math.max(max, nd.headHeight());
            }
        }
        healHeight = minHonestHeight();
        target = Math.max(target, max + 2);
    }

    private void faultTick() {
        if (healed) {
            return;
        }
        int size = nodes.size();
        double r = rnd.nextDouble();
        if (r < 0.10) {
            // isolate one node (both directions)
            int victim = rnd.nextInt(size);
            for (int j = 0; j < size; j++) {
                blocked[victim][j] = true;
                blocked[j][victim] = true;
            }
        } else if (r < 0.18) {
            // random two-way split
            boolean[] side = new boolean[size];
            for (int i = 0; i < size; i++) {
                side[i] = rnd.nextBoolean();
            }
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    blocked[i][j] = side[i] != side[j];
                }
            }
        } else if (r < 0.40) {
            // flapping: clog or unclog one directed link
            int a = rnd.nextInt(size);
            int b = rnd.nextInt(size);
            blocked[a][b] = !blocked[a][b];
        } else if (r < 0.52) {
            for (boolean[] row : blocked) {
                Arrays.fill(row, false);
            }
        } else if (r < 0.58) {
            Node nd = nodes.get(rnd.nextInt(size));
            if (nd.honest() && !nd.crashed) {
                crash(nd);
            }
        }
        queue.add(new Item(now + 50 + rnd.nextInt(150), seq++, -1, 0, new FaultTick()));
    }

    private void crash(Node nd) {
        nd.crashed = true;
        nd.incarnation++;
        nd.store.crash();
        nd.syncScheduled = false;
        if (!healed) {
            schedule(now + 100 + rnd.nextInt(1_500), nd, new Restart());
        }
    }

    private void restart(Node nd) {
        nd.crashed = false;
        nd.incarnation++;
        List<PersistedRecord> records = nd.store.load();
        nd.replica = new PbftReplica(config, vset, nd.signer, nd.head(), headCertificate(nd), records);
        apply(nd, nd.replica.step(new Event.Start(now)));
        if (!nd.crashed && !opt.heartbeatOnly()) {
            apply(nd, nd.replica.step(new Event.TransactionsPending(now)));
        }
    }

    // ------------------------------------------------------------------ actions

    private void apply(Node nd, List<Action> actions) {
        int crashPoint = -1;
        if (!healed && nd.honest() && rnd.nextInt(400) == 0) {
            crashPoint = rnd.nextInt(3);
        }
        boolean persisted = false;
        for (Action a : actions) {
            if (a instanceof Action.Persist p) {
                nd.store.append(p.record());
                persisted = true;
            } else if (a instanceof Action.PruneBelow p) {
                nd.store.pruneBelow(p.height());
            }
        }
        if (crashPoint == 0 && persisted) {
            crash(nd);
            return;
        }
        nd.store.sync();
        if (crashPoint == 1) {
            crash(nd);
            return;
        }
        for (Action a : actions) {
            if (a instanceof Action.Send s) {
                transmit(nd, s);
            }
        }
        if (crashPoint == 2) {
            crash(nd);
            return;
        }
        for (Action a : actions) {
            if (a instanceof Action.BuildProposal b) {
                int txs = 1 + rnd.nextInt(3);
                Block block = nd.byzantine == Byzantine.INVALID_BLOCKS
                    ? chain.assemble(b.height(), b.parentHash(), b.timestampMillis(), nd.signer.publicKey(),
                        chain.build(b.height(), b.parentHash(), 0, nd.signer.publicKey(), txs, 0).transactions(), false)
                    : chain.build(b.height(), b.parentHash(), b.timestampMillis(), nd.signer.publicKey(), txs, nd.salt);
                schedule(now + 1 + rnd.nextInt(5), nd, new Event.ProposalBuilt(b.height(), b.view(), block));
            } else if (a instanceof Action.ValidateProposal v) {
                schedule(now + 1 + rnd.nextInt(5), nd,
                    new Event.BlockValidated(v.block().height(), v.block().hash(), SimChain.isValid(v.block())));
            } else if (a instanceof Action.CommitBlock c) {
                if (commit(nd, c.block(), c.certificate())) {
                    schedule(now + rnd.nextInt(3), nd, new Event.ChainAdvanced(nd.head(), c.certificate(),
                        !opt.heartbeatOnly()));
                }
            } else if (a instanceof Action.SetTimer t) {
                schedule(now + t.delayMillis(), nd, new Event.TimerFired(t.kind(), t.token(), now + t.delayMillis()));
            } else if (a instanceof Action.SyncRequest s) {
                if (!nd.syncScheduled) {
                    nd.syncScheduled = true;
                    schedule(now + 20 + rnd.nextInt(30), nd, new SyncAttempt(s.targetHeight(), s.hintPeers()));
                }
            } else if (a instanceof Action.ReportEvidence e) {
                evidence++;
                SignedMessage x = e.evidence().first();
                SignedMessage y = e.evidence().second();
                if (!x.verify(SimChain.CHAIN_ID, vset.get(x.sender())) || !y.verify(SimChain.CHAIN_ID, vset.get(y.sender()))) {
                    violations.add("evidence with an invalid signature from replica " + nd.index);
                }
                if (nodes.get(x.sender()).honest()) {
                    violations.add("evidence against honest validator " + x.sender() + " reported by " + nd.index);
                }
            }
        }
    }

    /** Applies a committed block to the node's ledger; checks I1 (agreement) and certificate validity. */
    private boolean commit(Node nd, Block block, CommitCertificate cert) {
        long h = block.height();
        if (h != nd.headHeight() + 1 || !block.header().previousHash().equals(nd.head().hash())) {
            if (nd.honest()) {
                violations.add("I4 chaining: replica " + nd.index + " committed height " + h + " on head "
                    + nd.headHeight());
            }
            return false;
        }
        try {
            cert.verifyFor(SimChain.CHAIN_ID, vset, h, block.hash());
        } catch (InvalidCertificateException e) {
            violations.add("I1 certificate: replica " + nd.index + " committed with an invalid certificate: "
                + e.getMessage());
            return false;
        }
        if (nd.honest() && !SimChain.isValid(block)) {
            violations.add("I4 validity: replica " + nd.index + " committed an invalid block at " + h);
        }
        nd.blocks.add(block);
        certs.put(nd.id + "/" + (nd.blocks.size() - 1), cert);
        if (nd.honest()) {
            Hash prior = decided.putIfAbsent(h, block.hash());
            if (prior != null && !prior.equals(block.hash())) {
                violations.add("I1 agreement: height " + h + " committed as " + prior.toHex().substring(0, 12)
                    + " and as " + block.hash().toHex().substring(0, 12) + " (replica " + nd.index + ")");
            }
        }
        return true;
    }

    private void sync(Node nd, SyncAttempt s) {
        List<Integer> order = new ArrayList<>(s.hints());
        for (Node o : nodes) {
            if (!order.contains(o.index)) {
                order.add(o.index);
            }
        }
        for (int idx : order) {
            for (Node src : nodes) {
                if (src.index != idx || src == nd || src.crashed || blocked[src.id][nd.id]
                        || src.headHeight() <= nd.headHeight()) {
                    continue;
                }
                long before = nd.headHeight();
                while (nd.headHeight() < src.headHeight()) {
                    int i = (int) nd.headHeight();
                    Block b = src.blocks.get(i);
                    // the node side of sync: re-derive a certificate from the source and check it
                    if (!commit(nd, b, certificateOf(src, i))) {
                        break;
                    }
                }
                if (nd.headHeight() > before) {
                    apply(nd, nd.replica.step(new Event.ChainAdvanced(nd.head(), headCertificate(nd).orElseThrow(),
                        !opt.heartbeatOnly())));
                    steps++;
                    return;
                }
            }
        }
    }

    /** The simulator keeps certificates alongside blocks. */
    private final TreeMap<String, CommitCertificate> certs = new TreeMap<>();

    private CommitCertificate certificateOf(Node src, int i) {
        return certs.get(src.id + "/" + i);
    }

    private java.util.Optional<CommitCertificate> headCertificate(Node nd) {
        return nd.blocks.isEmpty() ? java.util.Optional.empty()
            : java.util.Optional.of(certificateOf(nd, nd.blocks.size() - 1));
    }

    // ------------------------------------------------------------------ network

    private void transmit(Node from, Action.Send send) {
        if (send.broadcast()) {
            transmit(from, send.message(), send.bytes());
            return;
        }
        for (Node to : nodes) {
            if (to != from && to.index == send.to()) {
                deliver(from, to, send.bytes());
            }
        }
    }

    private void transmit(Node from, SignedMessage m, byte[] bytes) {
        if (from.honest() && m.sender() == from.index) {
            checkNoDoubleSign(from, m);
        }
        if (from.sentLog.size() < 64) {
            from.sentLog.add(m);
        }
        Byzantine b = from.byzantine;
        if (b == Byzantine.SILENT) {
            return;
        }
        byte[] alt = null;
        if (b == Byzantine.EQUIVOCATE && m.body() instanceof PrePrepare pp) {
            Block other = chain.build(pp.height(), pp.block().header().previousHash(),
                pp.block().header().timestampMillis() + 1, from.signer.publicKey(), 2, 5);
            alt = SignedMessage.sign(SimChain.CHAIN_ID, from.index, new PrePrepare(pp.height(), pp.view(), other),
                from.signer).encode();
        } else if (b == Byzantine.EQUIVOCATE && m.body() instanceof io.tally.consensus.NewView nv) {
            // a second new view whose pre-prepare proposes another block: rejected when the view
            // changes force a re-proposal, an equivocation to be reported otherwise
            Block other = chain.build(nv.height(), from.head().hash(), from.head().timestampMillis() + 7,
                from.signer.publicKey(), 2, 6);
            SignedMessage altPp = SignedMessage.sign(SimChain.CHAIN_ID, from.index,
                new PrePrepare(nv.height(), nv.view(), other), from.signer);
            alt = SignedMessage.sign(SimChain.CHAIN_ID, from.index, new io.tally.consensus.NewView(nv.height(),
                nv.view(), nv.viewChanges(), java.util.Optional.of(altPp)), from.signer).encode();
        } else if (b == Byzantine.DOUBLE_VOTE && (m.body() instanceof Prepare || m.body() instanceof Commit)) {
            Hash fake = Sha256.hash(new ByteWriter(16).u63(m.body().height()).u63(m.body().view()).toByteArray());
            ConsensusMessage body = m.body() instanceof Prepare p ? new Prepare(p.height(), p.view(), fake)
                : new Commit(m.body().height(), m.body().view(), fake);
            alt = SignedMessage.sign(SimChain.CHAIN_ID, from.index, body, from.signer).encode();
        }
        for (Node to : nodes) {
            if (to == from) {
                continue;
            }
            byte[] payload = alt != null && to.id % 2 == 1 ? alt : bytes;
            deliver(from, to, payload);
            if (b == Byzantine.FORGE && rnd.nextInt(4) == 0) {
                deliver(from, to, forge(from, m));
            } else if (b == Byzantine.FLOOD && rnd.nextInt(2) == 0) {
                deliver(from, to, flood(from, m));
            }
        }
    }

    private void deliver(Node from, Node to, byte[] payload) {
        if (blocked[from.id][to.id] || rnd.nextDouble() < loss) {
            return;
        }
        int copies = rnd.nextDouble() < dup ? 2 : 1;
        for (int c = 0; c < copies; c++) {
            schedule(now + 1 + rnd.nextLong(maxDelay), to, new Event.PeerMessage(payload));
        }
    }

    private byte[] forge(Node from, SignedMessage m) {
        switch (rnd.nextInt(4)) {
            case 0: {
                // claims another validator's identity, keeps its own signature
                int victim = (from.index + 1) % opt.n();
                return new SignedMessage(victim, m.body(), m.signature()).encode();
            }
            case 1: {
                byte[] sig = new byte[64];
                rnd.nextBytes(sig);
                return new SignedMessage(m.sender(), m.body(), Signature.of(sig)).encode();
            }
            case 2: {
                byte[] junk = new byte[rnd.nextInt(200)];
                rnd.nextBytes(junk);
                return junk;
            }
            default: {
                byte[] enc = m.encode();
                return Arrays.copyOf(enc, rnd.nextInt(enc.length));
            }
        }
    }

    private byte[] flood(Node from, SignedMessage m) {
        if (rnd.nextBoolean() && !from.sentLog.isEmpty()) {
            return from.sentLog.get(rnd.nextInt(from.sentLog.size())).encode();
        }
        long h = m.body().height() + (rnd.nextBoolean() ? 2 : 1_000 + rnd.nextInt(1_000_000));
        Prepare p = new Prepare(h, rnd.nextInt(3), Sha256.hash(new byte[] {(byte) rnd.nextInt()}));
        return SignedMessage.sign(SimChain.CHAIN_ID, from.index, p, from.signer).encode();
    }

    /** I2: an honest validator signs at most one digest per (height, view, kind), across restarts. */
    private void checkNoDoubleSign(Node from, SignedMessage m) {
        ConsensusMessage b = m.body();
        String key = from.index + "/" + b.height() + "/" + b.view() + "/" + b.kind();
        Hash prior = signedByHonest.putIfAbsent(key, b.voteDigest());
        if (prior != null && !prior.equals(b.voteDigest())) {
            violations.add("I2 double signing: honest replica " + from.index + " signed two " + b.kind()
                + " at height " + b.height() + " view " + b.view());
        }
    }

    private static final boolean TRACE = Boolean.getBoolean("sim.trace");

    private void trace(Node nd, Event e, List<Action> actions) {
        StringBuilder sb = new StringBuilder();
        sb.append(now).append(" node ").append(nd.id).append(" [h=").append(nd.replica.height()).append(" v=")
            .append(nd.replica.view()).append(nd.replica.viewChanging() ? "*" : "").append("] ");
        if (e instanceof Event.PeerMessage pm) {
            try {
                SignedMessage m = io.tally.consensus.MessageCodec.decode(pm.bytes(), 1 << 30, 100_000);
                sb.append("recv ").append(m.body().kind()).append(" from ").append(m.sender()).append(" h=")
                    .append(m.body().height()).append(" v=").append(m.body().view());
            } catch (Exception ex) {
                sb.append("recv junk");
            }
        } else {
            sb.append(e.getClass().getSimpleName());
        }
        sb.append(" ->");
        for (Action a : actions) {
            if (a instanceof Action.Send s) {
                sb.append(" send ").append(s.message().body().kind()).append("(v").append(s.message().body().view())
                    .append(")");
            } else {
                sb.append(' ').append(a.getClass().getSimpleName());
                if (a instanceof Action.SetTimer t) {
                    sb.append(t.kind()).append(t.delayMillis());
                }
            }
        }
        sb.append(" drops=").append(nd.replica.drops());
        System.out.println(sb);
    }

    static KeyPair keyOf(int i) {
        return SimChain.key(i);
    }
}
