package io.tally.ledger.bench;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.SparseMerkleTree;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateWrite;
import io.tally.ledger.state.UpdateResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of updating the state root as the number of accounts grows. The tree of N accounts is
 * built once per trial (in batches of 250,000) into an in-memory node map, so the numbers are the
 * tree's hashing and node handling, not disk reads. Each operation applies fresh balance changes
 * to randomly chosen existing accounts on top of that same base root (nothing accumulates).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class StateRootUpdateBenchmark {
    @Param({"1000", "100000", "1000000"})
    int accounts;

    private Map<Hash, byte[]> nodes;
    private SparseMerkleTree tree;
    private Hash root;
    private long version;
    private SplittableRandom random;
    private StateWrite[] singles;
    private List<List<StateWrite>> batches;
    private int next;

    static StateKey account(long i) {
        byte[] a = new byte[Address.LENGTH];
        for (int b = 0; b < 8; b++) {
            a[b] = (byte) (i >>> (56 - 8 * b));
        }
        return StateKey.account(Address.fromBytes(a));
    }

    @Setup(Level.Trial)
    public void build() {
        nodes = new HashMap<>(4 * accounts);
        // every copy of a hash serves (see CachingNodeReader), so the benchmark keeps one per hash
        tree = new SparseMerkleTree((v, h) -> nodes.get(h));
        root = SparseMerkleTree.EMPTY_ROOT;
        version = 0;
        for (int from = 0; from < accounts; from += 250_000) {
            List<StateWrite> writes = new ArrayList<>();
            for (int i = from; i < Math.min(accounts, from + 250_000); i++) {
                writes.add(StateWrite.put(account(i), new AccountState(1_000_000, 0).encode()));
            }
            UpdateResult r = tree.update(root, version, writes, version + 1);
            nodes.putAll(r.newNodes());
            root = r.root();
            version = r.version();
        }
        random = new SplittableRandom(42);
        prepareChanges();
        UpdateResult probe = tree.update(root, version, List.of(StateWrite.put(account(accounts / 2), new byte[] {1})), version + 1);
        System.out.println("\n[state-root] accounts=" + accounts + " nodes stored=" + nodes.size()
                + " nodes written by a one-key update=" + probe.newNodes().size()
                + " proof depth=" + tree.prove(root, version, account(accounts / 2)).siblings().size()
                + " nodes written by a 1000-key update=" + tree.update(root, version, batches.get(0), version + 1).newNodes().size());
    }

    /** Pre-generated changes, cycled through so no per-invocation setup distorts small timings. */
    private void prepareChanges() {
        singles = new StateWrite[4096];
        for (int n = 0; n < singles.length; n++) {
            singles[n] = StateWrite.put(account(random.nextInt(accounts)), new AccountState(1 + n, 1).encode());
        }
        batches = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            List<StateWrite> batch = new ArrayList<>(1000);
            java.util.Set<Integer> picked = new java.util.HashSet<>();
            while (picked.size() < Math.min(1000, accounts)) {
                int i = random.nextInt(accounts);
                if (picked.add(i)) {
                    batch.add(StateWrite.put(account(i), new AccountState(1 + b, 1).encode()));
                }
            }
            batches.add(batch);
        }
    }

    /** One changed account: O(log n) hashes. */
    @Benchmark
    public Hash updateOneAccount() {
        return tree.update(root, version, List.of(singles[next++ & (singles.length - 1)]), version + 1).root();
    }

    /** 1,000 changed accounts in one batch (the shape of a block of transfers). */
    @Benchmark
    public Hash update1000Accounts() {
        return tree.update(root, version, batches.get(next++ & 15), version + 1).root();
    }
}
