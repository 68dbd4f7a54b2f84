package io.tally.consensus;

import io.tally.consensus.driver.InMemoryVoteStore;
import io.tally.consensus.sim.SimChain;
import io.tally.crypto.Hash;
import io.tally.crypto.Signer;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.codec.DecodeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A hand-driven cluster for scenario tests: messages wait in one FIFO until the test delivers
 * them, timers fire only when the test says so, proposals and validations answer at once.
 */
final class Cluster {
    record Envelope(int from, int to, SignedMessage message, byte[] bytes) {}

    final int n;
    final PbftConfig config;
    final SimChain chain;
    final ValidatorSet validators;
    final List<PbftReplica> replicas = new ArrayList<>();
    final List<InMemoryVoteStore> stores = new ArrayList<>();
    final List<List<Block>> ledgers = new ArrayList<>();
    final List<List<CommitCertificate>> certificates = new ArrayList<>();
    final List<List<Action>> actions = new ArrayList<>();
    final List<EnumMap<TimerKind, Action.SetTimer>> timers = new ArrayList<>();
    final List<Evidence> evidence = new ArrayList<>();
    final List<Action.SyncRequest> syncRequests = new ArrayList<>();
    final TreeSet<Integer> crashed = new TreeSet<>();
    final TreeSet<Hash> invalidBlocks = new TreeSet<>();
    final ArrayDeque<Envelope> network = new ArrayDeque<>();
    Predicate<Envelope> drop = e -> false;
    boolean autoValidate = true;
    /** When set, CommitBlock actions wait in {@link #heldCommits} until {@link #applyHeldCommit}. */
    boolean holdCommits;
    final List<Object[]> heldCommits = new ArrayList<>();
    long now = 10_000;

    Cluster(int n, PbftConfig config) {
        this.n = n;
        this.config = config;
        this.validators = SimChain.validators(n);
        this.chain = new SimChain(validators, 8);
        for (int i = 0; i < n; i++) {
            stores.add(new InMemoryVoteStore());
            ledgers.add(new ArrayList<>());
            certificates.add(new ArrayList<>());
            actions.add(new ArrayList<>());
            timers.add(new EnumMap<>(TimerKind.class));
            replicas.add(newReplica(i));
        }
    }

    static Cluster of(int n) {
        return new Cluster(n, PbftConfig.defaults(SimChain.CHAIN_ID).withTimeouts(1_000, 8, 500));
    }

    private PbftReplica newReplica(int i) {
        List<CommitCertificate> certs = certificates.get(i);
        return new PbftReplica(config, validators, Signer.of(SimChain.key(i)), head(i),
            certs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(certs.get(certs.size() - 1)),
            stores.get(i).load());
    }

    BlockHeader head(int i) {
        List<Block> l = ledgers.get(i);
        return l.isEmpty() ? chain.genesis() : l.get(l.size() - 1).header();
    }

    Cluster start() {
        for (int i = 0; i < n; i++) {
            step(i, new Event.Start(now));
        }
        return this;
    }

    Cluster transactionsArrive() {
        for (int i = 0; i < n; i++) {
            step(i, new Event.TransactionsPending(now));
        }
        return this;
    }

    List<Action> step(int i, Event e) {
        if (crashed.contains(i)) {
            return List.of();
        }
        List<Action> out = replicas.get(i).step(e);
        actions.get(i).addAll(out);
        for (Action a : out) {
            if (a instanceof Action.Persist p) {
                stores.get(i).append(p.record());
            } else if (a instanceof Action.PruneBelow p) {
                stores.get(i).pruneBelow(p.height());
            }
        }
        stores.get(i).sync();
        for (Action a : out) {
            if (a instanceof Action.Send s) {
                for (int to = 0; to < n; to++) {
                    if (to != i && (s.broadcast() || s.to() == to)) {
                        network.add(new Envelope(i, to, s.message(), s.bytes()));
                    }
                }
            }
        }
        for (Action a : out) {
            if (a instanceof Action.BuildProposal b) {
                Block block = chain.build(b.height(), b.parentHash(), b.timestampMillis(),
                    validators.get(i), 2, 0);
                step(i, new Event.ProposalBuilt(b.height(), b.view(), block));
            } else if (a instanceof Action.ValidateProposal v && autoValidate) {
                Hash h = v.block().hash();
                step(i, new Event.BlockValidated(v.block().height(), h,
                    SimChain.isValid(v.block()) && !invalidBlocks.contains(h)));
            } else if (a instanceof Action.CommitBlock c) {
                if (holdCommits) {
                    heldCommits.add(new Object[] {i, c});
                } else {
                    commit(i, c.block(), c.certificate());
                }
            } else if (a instanceof Action.SetTimer t) {
                timers.get(i).put(t.kind(), t);
            } else if (a instanceof Action.ReportEvidence ev) {
                evidence.add(ev.evidence());
            } else if (a instanceof Action.SyncRequest s) {
                syncRequests.add(s);
            }
        }
        return out;
    }

    /** Applies the oldest held commit, telling the replica whether transactions remain. */
    void applyHeldCommit(boolean transactionsPending) {
        Object[] held = heldCommits.remove(0);
        int i = (Integer) held[0];
        Action.CommitBlock c = (Action.CommitBlock) held[1];
        ledgers.get(i).add(c.block());
        certificates.get(i).add(c.certificate());
        step(i, new Event.ChainAdvanced(c.block().header(), c.certificate(), transactionsPending));
    }

    private void commit(int i, Block block, CommitCertificate cert) {
        try {
            cert.verifyFor(SimChain.CHAIN_ID, validators, block.height(), block.hash());
        } catch (Exception e) {
            throw new AssertionError("replica " + i + " produced an invalid certificate", e);
        }
        ledgers.get(i).add(block);
        certificates.get(i).add(cert);
        step(i, new Event.ChainAdvanced(block.header(), cert, false));
    }

    /** Delivers queued messages in FIFO order until none are left (or the step budget runs out). */
    Cluster deliverAll() {
        for (int budget = 0; budget < 100_000 && !network.isEmpty(); budget++) {
            Envelope e = network.poll();
            if (!drop.test(e)) {
                step(e.to(), new Event.PeerMessage(e.bytes()));
            }
        }
        if (!network.isEmpty()) {
            throw new AssertionError("network did not quiesce");
        }
        return this;
    }

    /** Fires the armed timer of {@code kind} at replica i, advancing time by its delay. */
    boolean fire(int i, TimerKind kind) {
        Action.SetTimer t = timers.get(i).remove(kind);
        if (t == null || crashed.contains(i)) {
            return false;
        }
        now += t.delayMillis();
        step(i, new Event.TimerFired(kind, t.token(), now));
        return true;
    }

    void fireViewTimers() {
        for (int i = 0; i < n; i++) {
            fire(i, TimerKind.VIEW);
        }
    }

    void crash(int i) {
        crashed.add(i);
        stores.get(i).crash();
        timers.get(i).clear();
        network.removeIf(e -> e.to() == i);
    }

    void restart(int i) {
        crashed.remove(i);
        replicas.set(i, newReplica(i));
        step(i, new Event.Start(now));
    }

    void inject(int to, SignedMessage m) {
        step(to, new Event.PeerMessage(m.encode()));
    }

    SignedMessage sign(int signer, ConsensusMessage body) {
        return SignedMessage.sign(SimChain.CHAIN_ID, signer, body, Signer.of(SimChain.key(signer)));
    }

    /** A certificate for {@code b} signed by the given validators. */
    CommitCertificate certificateFor(Block b, int... signers) {
        List<io.tally.ledger.block.CommitSignature> sigs = new ArrayList<>();
        for (int s : signers) {
            sigs.add(new io.tally.ledger.block.CommitSignature(s,
                new io.tally.ledger.block.CommitStatement(SimChain.CHAIN_ID, b.height(), 0, b.hash())
                    .sign(Signer.of(SimChain.key(s)))));
        }
        return new CommitCertificate(b.height(), 0, b.hash(), sigs);
    }

    long height(int i) {
        return ledgers.get(i).size();
    }

    Block committed(int i, long h) {
        return ledgers.get(i).get((int) h - 1);
    }

    /** Messages of {@code kind} that replica i has sent (decoded from its Send actions). */
    List<SignedMessage> sent(int i, MessageKind kind) {
        List<SignedMessage> out = new ArrayList<>();
        for (Action a : actions.get(i)) {
            if (a instanceof Action.Send s && s.message().body().kind() == kind && s.message().sender() == i) {
                out.add(s.message());
            }
        }
        return out;
    }

    List<Action.SetTimer> timersSet(int i, TimerKind kind) {
        List<Action.SetTimer> out = new ArrayList<>();
        for (Action a : actions.get(i)) {
            if (a instanceof Action.SetTimer t && t.kind() == kind) {
                out.add(t);
            }
        }
        return out;
    }

    Map<Long, Hash> chainOf(int i) {
        Map<Long, Hash> m = new TreeMap<>();
        for (Block b : ledgers.get(i)) {
            m.put(b.height(), b.hash());
        }
        return m;
    }

    static SignedMessage decode(byte[] bytes) throws DecodeException {
        return MessageCodec.decode(bytes, Integer.MAX_VALUE, 100_000);
    }
}
