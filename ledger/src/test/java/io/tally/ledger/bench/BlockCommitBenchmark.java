package io.tally.ledger.bench;

import io.tally.crypto.KeyPair;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.exec.BlockValidator;
import io.tally.ledger.store.InMemoryStore;
import io.tally.ledger.store.KvStore;
import io.tally.ledger.store.LevelDbStore;
import io.tally.ledger.tx.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Executing and committing a block of 1,000 transfers: proposer-side execution (nonce and balance
 * rules, receipts), the state tree update, then the commit of block, certificate, receipts,
 * indices, state and tree nodes in one synced batch. Signature checks are excluded (the
 * transactions are signed in the per-invocation setup; the commit still verifies the one-validator
 * certificate, about one Ed25519 verification). 1,000 distinct senders pay 1,000 random recipients
 * out of 10,000 funded accounts, so each block changes about 2,000 state keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class BlockCommitBenchmark {
    static final int ACCOUNTS = 10_000;
    static final int TXS = 1_000;

    @Param({"leveldb", "memory"})
    String store;

    private TestLedger ledger;
    private Path dir;
    private KvStore kv;
    private ChainStore chain;
    private BlockValidator validator;
    private final SplittableRandom random = new SplittableRandom(7);
    private final long[] nonces = new long[ACCOUNTS];
    private List<Transaction> txs;

    @Setup(Level.Trial)
    public void open() throws IOException {
        ledger = TestLedger.create(1, ACCOUNTS, 1_000_000_000L);
        if (store.equals("leveldb")) {
            dir = Files.createTempDirectory("tally-bench");
            kv = LevelDbStore.open(dir);
        } else {
            kv = new InMemoryStore();
        }
        chain = ChainStore.initGenesis(kv, ledger.genesis);
        validator = chain.newValidator(TXS);
    }

    @Setup(Level.Invocation)
    public void signNextBlock() {
        txs = new ArrayList<>(TXS);
        int firstSender = random.nextInt(ACCOUNTS);
        for (int i = 0; i < TXS; i++) {
            int from = (firstSender + i) % ACCOUNTS;
            KeyPair k = ledger.accounts.get(from);
            int to = random.nextInt(ACCOUNTS);
            txs.add(ledger.transfer(k, nonces[from]++, ledger.accounts.get(to).address(), 1 + random.nextInt(1000)));
        }
    }

    @Benchmark
    public long executeAndCommit() throws InvalidCertificateException {
        var head = chain.head();
        BlockValidator.Proposal p = validator.propose(head.header(), ledger.validatorKeys.get(0).publicKey(),
                head.header().timestampMillis() + 1, txs, chain.stateReader(), chain.nodeReader());
        if (p.block().transactions().size() != TXS) {
            throw new IllegalStateException("skipped " + p.selection().skipped());
        }
        chain.commit(p.block(), ledger.certify(p.block()), p.result());
        return chain.head().height();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        System.out.println("\n[block-commit] store=" + store + " blocks committed=" + chain.head().height());
        kv.close();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
