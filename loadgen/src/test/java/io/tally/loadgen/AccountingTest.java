package io.tally.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import io.tally.ledger.tx.TransferPayload;
import org.junit.jupiter.api.Test;

/** The load generator's own bookkeeping, without a network. */
class AccountingTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L; // 100 ms .. 1 ms, unsorted
        }
        Latency l = Latency.of(nanos, 100);
        assertEquals(100, l.count());
        assertEquals(50.0, l.p50());
        assertEquals(95.0, l.p95());
        assertEquals(99.0, l.p99());
        assertEquals(100.0, l.max());
        assertEquals(0, Latency.of(new long[0], 0).count());
    }

    @Test
    void intervalSeriesBucketsCommitsByCommitTimeAndLatencyBySubmitTime() {
        long s = 1_000_000_000L;
        IntervalSeries series = new IntervalSeries(100 * s, 110 * s, 4 * s); // rows of 4, 4 and 2 s
        for (int i = 0; i < 8; i++) {
            series.committed(101 * s); // 8 in the first row
        }
        series.committed(109 * s); // 1 in the short last row
        series.committed(99 * s); // before the window
        series.committed(110 * s); // the window's end is exclusive
        series.latency(103 * s, 50_000_000L);
        series.latency(104 * s, 700_000_000L); // submitted in the second row, committed after it
        series.latency(104 * s, 100_000_000L);
        series.latency(99 * s, 9 * s); // submitted in the warm-up: not measured

        var rows = series.intervals();
        assertEquals(3, rows.size());
        assertEquals(0.0, rows.get(0).startSeconds());
        assertEquals(2.0, rows.get(0).committedPerSecond(), "8 in 4 s");
        assertEquals(0.0, rows.get(1).committedPerSecond());
        assertEquals(0.5, rows.get(2).committedPerSecond(), "1 in the last 2 s, not 4");
        assertEquals(8.0, rows.get(2).startSeconds());
        assertEquals(1, rows.get(0).latency().count());
        assertEquals(50.0, rows.get(0).latency().p99());
        assertEquals(2, rows.get(1).latency().count());
        assertEquals(700.0, rows.get(1).latency().max());
        assertEquals(0, rows.get(2).latency().count());
        assertEquals(1, new IntervalSeries(0, 10 * s, 60 * s).intervals().size(), "a row is at most the window");
    }

    @Test
    void feedResendsARefusedNonceAndHoldsBackItsAccountsLaterOnes() {
        Feed feed = new Feed(8, 2); // account = index % 2; index 0,2,4,6 are account 0's nonces 0..3
        assertArrayEquals(new int[] {0, 1, 2}, feed.next(3));
        feed.retry(0); // nonce 0 of account 0 refused
        assertArrayEquals(new int[] {0, 3, 5}, feed.next(3), "the refused one first; 4 held back");
        assertArrayEquals(new int[] {7}, feed.next(3), "6 is held back too");
        assertEquals(3, feed.held(), "0 to resend, 4 and 6 held back behind it");
        feed.settled(0);
        assertArrayEquals(new int[] {4}, feed.next(3), "released one at a time, lowest nonce first");
        feed.settled(4);
        assertArrayEquals(new int[] {6}, feed.next(3));
        feed.settled(6);
        assertTrue(feed.exhausted());
        assertEquals(0, feed.next(3).length);
    }

    @Test
    void planSpreadsEachAccountsNoncesAndSignsVerifiableTransfers() throws Exception {
        TxPlan plan = TxPlan.sign(Accounts.keys(3), BenchCommand.DEFAULT_CHAIN_ID, 7);
        for (int i = 0; i < plan.size(); i++) {
            Transaction tx = TransactionCodec.decode(plan.raw(i));
            assertEquals(Accounts.key(i % 3).publicKey(), tx.sender());
            assertEquals(i / 3, tx.nonce());
            assertEquals(Accounts.key((i % 3 + 1) % 3).address(), ((TransferPayload) tx.payload()).to());
            assertTrue(tx.verifySignature());
            assertEquals(i, plan.indexOf(tx.hash().toHex()));
        }
        assertEquals(199, plan.encodedLength(0), "the benchmark's ~200-byte transfer");
        assertEquals(-1, plan.indexOf("00".repeat(32)));
    }

    @Test
    void trackerCountsLostAsAcknowledgedButNeverCommitted() {
        Tracker t = new Tracker(3);
        t.sent(0, 1);
        t.sent(1, 1);
        t.sent(2, 1);
        t.acked(0);
        t.acked(1);
        t.rejected(2, -32001);
        assertTrue(t.committed(0, 5));
        assertTrue(!t.committed(0, 6), "a block seen twice counts once");
        assertEquals(Tracker.ACKED, t.state(1));
        assertTrue(!t.isCommitted(1));
        assertEquals(1, t.committed.get());
        assertEquals(1, t.rejected.sum());
    }

    @Test
    void latencyStartsAtTheFirstAttemptAndAdmissionEndsAtTheFirstAcknowledgement() {
        Tracker t = new Tracker(1);
        assertEquals(1, t.sent(0, 100), "first attempt, e.g. at the open loop's scheduled time");
        assertEquals(2, t.sent(0, 250), "a retry after 'mempool full'");
        assertEquals(100, t.submitNanos(0), "the retry does not restart the clock");
        assertEquals(0, t.ackNanos(0));
        long before = System.nanoTime();
        t.acked(0);
        long ack = t.ackNanos(0);
        assertTrue(ack >= before);
        t.acked(0); // "already known" on a resend
        assertEquals(ack, t.ackNanos(0));
    }

    @Test
    void readsCpuAndResidentMemoryOfThisProcess() {
        long self = ProcessHandle.current().pid();
        assertTrue(ProcStats.rssBytes(self).orElseThrow() > 1 << 20);
        assertTrue(ProcStats.cpuMillis(self).orElseThrow() >= 0);
        assertTrue(ProcStats.rssBytes(-5).isEmpty(), "no such process: empty, not an exception");
    }
}
