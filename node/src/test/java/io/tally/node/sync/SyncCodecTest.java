package io.tally.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.ledger.block.Block;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.store.InMemoryStore;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SyncCodecTest {

    @Test
    void serverAnswersWithConsecutiveCertifiedBlocksAndItsHead() throws Exception {
        TestLedger t = TestLedger.create(4, 3, 1_000);
        ChainStore chain = ChainStore.initGenesis(new InMemoryStore(), t.genesis);
        for (int i = 0; i < 5; i++) {
            t.commitNext(chain, List.of(t.transfer(t.accounts.get(0), i, t.accounts.get(1).address(), 1)));
        }
        SyncServer server = new SyncServer(chain);
        byte[] raw = server.handle(null, SyncCodec.encode(new SyncCodec.Request(2, 2)));
        SyncCodec.Response r = SyncCodec.decodeResponse(raw, 100);
        assertEquals(5, r.headHeight());
        assertEquals(List.of(2L, 3L), r.entries().stream().map(e -> e.block().height()).toList());
        for (SyncCodec.Entry e : r.entries()) {
            e.certificate().verifyFor(chain.chainId(), chain.validators(), e.block().height(), e.block().hash());
        }
        SyncCodec.Response empty = SyncCodec.decodeResponse(server.handle(null,
            SyncCodec.encode(new SyncCodec.Request(6, 10))), 100);
        assertEquals(5, empty.headHeight());
        assertEquals(0, empty.entries().size());
    }

    @Test
    void requestsAreCappedAndStrict() throws Exception {
        assertEquals(SyncCodec.MAX_BLOCKS_PER_RESPONSE,
            SyncCodec.decodeRequest(SyncCodec.encode(new SyncCodec.Request(1, 60_000))).maxBlocks());
        byte[] longer = java.util.Arrays.copyOf(SyncCodec.encode(new SyncCodec.Request(1, 1)), 12);
        assertThrows(DecodeException.class, () -> SyncCodec.decodeRequest(longer));
        byte[] badVersion = SyncCodec.encode(new SyncCodec.Request(1, 1));
        badVersion[0] = 9;
        assertThrows(DecodeException.class, () -> SyncCodec.decodeRequest(badVersion));
    }

    @Property(tries = 1000)
    void arbitraryResponseBytesOnlyEverThrowDecodeException(@ForAll byte[] junk) {
        try {
            SyncCodec.decodeResponse(junk, 100);
        } catch (DecodeException expected) {
            // the declared error
        }
        try {
            SyncCodec.decodeRequest(junk);
        } catch (DecodeException expected) {
            // the declared error
        }
    }

    @Test
    void blockOverTheTransactionLimitIsRejected() throws Exception {
        TestLedger t = TestLedger.create(1, 3, 1_000);
        ChainStore chain = ChainStore.initGenesis(new InMemoryStore(), t.genesis);
        Block b = t.commitNext(chain, List.of(t.transfer(t.accounts.get(0), 0, t.accounts.get(1).address(), 1),
            t.transfer(t.accounts.get(1), 0, t.accounts.get(2).address(), 1)));
        byte[] raw = new SyncServer(chain).handle(null, SyncCodec.encode(new SyncCodec.Request(1, 1)));
        assertEquals(b.hash(), SyncCodec.decodeResponse(raw, 2).entries().get(0).block().hash());
        assertThrows(DecodeException.class, () -> SyncCodec.decodeResponse(raw, 1));
    }
}
