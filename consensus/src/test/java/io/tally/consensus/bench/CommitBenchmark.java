package io.tally.consensus.bench;

import io.tally.consensus.Action;
import io.tally.consensus.Event;
import io.tally.consensus.PbftConfig;
import io.tally.consensus.PbftReplica;
import io.tally.consensus.sim.SimChain;
import io.tally.crypto.Signer;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time per committed block of the consensus core: n replicas in one thread exchange encoded
 * messages (every one decoded and its signature verified by each receiver, every vote signed),
 * the primary proposes a 1,000-transaction block, and an operation ends when every replica has
 * committed it. Ledger execution and transaction signature checks are the node's cost, not
 * measured here (the validator port answers "valid" at once).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CommitBenchmark {
    @Param({"4", "7"})
    public int n;

    @Param({"1000"})
    public int transactions;

    private SimChain chain;
    private List<PbftReplica> replicas;
    private List<BlockHeader> heads;
    private ArrayDeque<Object[]> network;
    private long now;

    @Setup(Level.Trial)
    public void setUp() {
        chain = new SimChain(SimChain.validators(n), transactions);
        PbftConfig config = PbftConfig.defaults(SimChain.CHAIN_ID);
        replicas = new ArrayList<>();
        heads = new ArrayList<>();
        network = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            replicas.add(new PbftReplica(config, chain.validatorSet(), Signer.of(SimChain.key(i)), chain.genesis(),
                List.of()));
            heads.add(chain.genesis());
        }
        now = 2_000;
        for (int i = 0; i < n; i++) {
            apply(i, replicas.get(i).step(new Event.Start(now)));
        }
    }

    @Benchmark
    public long commitOneBlock() {
        long target = heads.get(0).height() + 1;
        now += 1;
        for (int i = 0; i < n; i++) {
            apply(i, replicas.get(i).step(new Event.TransactionsPending(now)));
        }
        while (!network.isEmpty()) {
            Object[] m = network.poll();
            int to = (Integer) m[0];
            apply(to, replicas.get(to).step(new Event.PeerMessage((byte[]) m[1])));
        }
        for (int i = 0; i < n; i++) {
            if (heads.get(i).height() != target) {
                throw new IllegalStateException("replica " + i + " did not commit height " + target);
            }
        }
        return target;
    }

    private void apply(int i, List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof Action.Send s) {
                for (int to = 0; to < n; to++) {
                    if (to != i && (s.broadcast() || s.to() == to)) {
                        network.add(new Object[] {to, s.bytes()});
                    }
                }
            }
        }
        for (Action a : actions) {
            if (a instanceof Action.BuildProposal b) {
                Block block = chain.build(b.height(), b.parentHash(), b.timestampMillis(),
                    chain.validatorSet().get(i), transactions, 0);
                apply(i, replicas.get(i).step(new Event.ProposalBuilt(b.height(), b.view(), block)));
            } else if (a instanceof Action.ValidateProposal v) {
                apply(i, replicas.get(i).step(new Event.BlockValidated(v.block().height(), v.block().hash(), true)));
            } else if (a instanceof Action.CommitBlock c) {
                heads.set(i, c.block().header());
                apply(i, replicas.get(i).step(new Event.ChainAdvanced(c.block().header(), c.certificate(), false)));
            }
        }
    }
}
