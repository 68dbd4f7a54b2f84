package io.tally.ledger.bench;

import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import io.tally.ledger.tx.TransferPayload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What admission costs per transaction on one core: strict decode of the canonical bytes (which
 * includes the SHA-256 hash), then Ed25519 verification of the domain-separated signature.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TxDecodeVerifyBenchmark {
    private static final int N = 1024;
    private byte[][] encoded;
    private int next;

    @Setup
    public void setUp() {
        encoded = new byte[N][];
        for (int i = 0; i < N; i++) {
            KeyPair from = KeyPair.fromSeed(Sha256.hash(new byte[] {(byte) i, (byte) (i >> 8)}).bytes());
            KeyPair to = KeyPair.fromSeed(Sha256.hash(new byte[] {(byte) i, 1, 2}).bytes());
            encoded[i] = Transaction.sign(from, "bench", i, new TransferPayload(to.address(), 1 + i)).encoded();
        }
    }

    private byte[] nextTx() {
        next = (next + 1) & (N - 1);
        return encoded[next];
    }

    @Benchmark
    public Transaction decode() throws DecodeException {
        return TransactionCodec.decode(nextTx());
    }

    @Benchmark
    public boolean decodeAndVerify() throws DecodeException {
        return TransactionCodec.decode(nextTx()).verifySignature();
    }
}
