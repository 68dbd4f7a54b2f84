package io.tally.consensus.driver;

import io.tally.consensus.Action;
import io.tally.consensus.Event;
import io.tally.consensus.PbftReplica;
import io.tally.consensus.TimerKind;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link PbftReplica} on a single thread that drains one bounded queue. Network
 * handlers, timers and the builder/validator workers only enqueue events. Each step's actions
 * are applied in the order persist + fsync → send → commit and the rest, so no vote leaves the
 * process before it is durable. Any unexpected exception halts consensus for good (fail-stop:
 * a validator that cannot trust its own state must not sign).
 */
public final class ConsensusDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusDriver.class);
    /** Room kept for internal events so a flood of peer messages can never crowd out a timer. */
    private static final int INTERNAL_RESERVE = 64;

    private final PbftReplica replica;
    private final VoteStore store;
    private final Transport transport;
    private final ProposalBuilder builder;
    private final ProposalValidator validator;
    private final CommitSink commits;
    private final NodeHooks hooks;
    private final Clock clock;
    private final int peerCapacity;
    private final BlockingQueue<Event> queue;
    private final ScheduledExecutorService timers;
    private final ExecutorService work;
    private final EnumMap<TimerKind, ScheduledFuture<?>> armed = new EnumMap<>(TimerKind.class);
    private final AtomicLong droppedPeerMessages = new AtomicLong();
    private volatile Status status;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running;

    public ConsensusDriver(PbftReplica replica, VoteStore store, Transport transport, ProposalBuilder builder,
            ProposalValidator validator, CommitSink commits, NodeHooks hooks, Clock clock, int queueCapacity) {
        this.replica = Objects.requireNonNull(replica, "replica");
        this.store = Objects.requireNonNull(store, "store");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.commits = Objects.requireNonNull(commits, "commits");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive");
        }
        this.peerCapacity = queueCapacity;
        this.queue = new LinkedBlockingQueue<>(queueCapacity + INTERNAL_RESERVE);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "consensus-timers"));
        this.work = Executors.newSingleThreadExecutor(r -> daemon(r, "consensus-work"));
        this.thread = daemon(this::loop, "consensus-" + replica.index());
        this.status = new Status(replica.height(), replica.view(), false, replica.primary(replica.height(), replica.view()), 0);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        running = true;
        internal(new Event.Start(clock.millis()));
        thread.start();
    }

    /** Bytes from a peer; dropped (and counted) when the queue is full. */
    public boolean onPeerMessage(byte[] bytes) {
        if (!running || queue.size() >= peerCapacity || !queue.offer(new Event.PeerMessage(bytes))) {
            droppedPeerMessages.incrementAndGet();
            return false;
        }
        return true;
    }

    public void transactionsPending() {
        internal(new Event.TransactionsPending(clock.millis()));
    }

    /** The node applied blocks obtained by sync; {@code certificate} is the new head's. */
    public void chainAdvanced(BlockHeader head, CommitCertificate certificate, boolean transactionsPending) {
        internal(new Event.ChainAdvanced(head, certificate, transactionsPending));
    }

    /**
     * A consistent snapshot of the replica's position, for status queries from other threads.
     *
     * @param viewChanges views abandoned since start (a measure of lost time)
     */
    public record Status(long height, long view, boolean viewChanging, int primary, long viewChanges) {}

    /** The replica's position after the last step; safe to call from any thread. */
    public Status status() {
        return status;
    }

    private void publishStatus() {
        Status prev = status;
        long changes = prev.viewChanges();
        if (replica.height() == prev.height() && replica.view() > prev.view()) {
            changes += replica.view() - prev.view();
        } else if (replica.height() > prev.height() && replica.view() > 0) {
            changes += replica.view();
        }
        status = new Status(replica.height(), replica.view(), replica.viewChanging(),
            replica.primary(replica.height(), replica.view()), changes);
    }

    public long droppedPeerMessages() {
        return droppedPeerMessages.get();
    }

    /** The exception that halted consensus, or null while it runs. */
    public Throwable failure() {
        return failure.get();
    }

    private void internal(Event e) {
        if (failure.get() != null) {
            return;
        }
        if (!queue.offer(e)) {
            halt(new IllegalStateException("consensus queue has no room for an internal event " + e));
        }
    }

    private void loop() {
        try {
            while (running) {
                Event e = queue.poll(200, TimeUnit.MILLISECONDS);
                if (e != null) {
                    apply(replica.step(e));
                    publishStatus();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            halt(t);
        }
    }

    private void apply(List<Action> actions) throws Exception {
        boolean wrote = false;
        for (Action a : actions) {
            if (a instanceof Action.Persist p) {
                store.append(p.record());
                wrote = true;
            } else if (a instanceof Action.PruneBelow p) {
                store.pruneBelow(p.height());
                wrote = true;
            }
        }
        if (wrote) {
            store.sync();
        }
        for (Action a : actions) {
            if (a instanceof Action.Send s) {
                if (s.broadcast()) {
                    transport.broadcast(s.bytes());
                } else {
                    transport.send(s.to(), s.bytes());
                }
            }
        }
        List<Action> rest = new ArrayList<>();
        for (Action a : actions) {
            if (!(a instanceof Action.Persist || a instanceof Action.PruneBelow || a instanceof Action.Send)) {
                rest.add(a);
            }
        }
        for (Action a : rest) {
            if (a instanceof Action.CommitBlock c) {
                boolean pending = commits.commit(c.block(), c.certificate());
                internal(new Event.ChainAdvanced(c.block().header(), c.certificate(), pending));
            } else if (a instanceof Action.SetTimer t) {
                arm(t);
            } else if (a instanceof Action.BuildProposal b) {
                work.execute(() -> guarded(() -> internal(new Event.ProposalBuilt(b.height(), b.view(), builder.build(b)))));
            } else if (a instanceof Action.ValidateProposal v) {
                work.execute(() -> guarded(() -> internal(
                    new Event.BlockValidated(v.block().height(), v.block().hash(), validator.isValid(v.block())))));
            } else if (a instanceof Action.SyncRequest s) {
                hooks.requestSync(s.targetHeight(), s.hintPeers());
            } else if (a instanceof Action.ReportEvidence ev) {
                hooks.reportEvidence(ev.evidence());
            } else {
                throw new IllegalStateException("unhandled action " + a);
            }
        }
    }

    private void arm(Action.SetTimer t) {
        ScheduledFuture<?> prior = armed.get(t.kind());
        if (prior != null) {
            prior.cancel(false);
        }
        armed.put(t.kind(), timers.schedule(() -> internal(new Event.TimerFired(t.kind(), t.token(), clock.millis())),
            t.delayMillis(), TimeUnit.MILLISECONDS));
    }

    private interface Work {
        void run() throws Exception;
    }

    private void guarded(Work w) {
        try {
            w.run();
        } catch (Throwable t) {
            halt(t);
        }
    }

    private void halt(Throwable t) {
        if (failure.compareAndSet(null, t)) {
            LOG.error("consensus halted: replica {} stops signing and sending", replica.index(), t);
        }
        running = false;
        timers.shutdownNow();
        work.shutdownNow();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        timers.shutdownNow();
        work.shutdownNow();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
