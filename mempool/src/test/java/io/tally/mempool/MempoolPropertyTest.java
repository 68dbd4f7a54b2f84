package io.tally.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class MempoolPropertyTest {
    private static final Mempool POOL = new Mempool(MempoolConfig.defaults("test-chain"), a -> 0L);

    @Property(tries = 500)
    void arbitraryBytesAreRejectedWithATypedCodeAndNeverThrow(@ForAll @Size(max = 400) byte[] raw) {
        AdmissionResult r = POOL.add(raw, TxSource.GOSSIP);
        assertNotNull(r);
        assertEquals(AdmissionResult.Outcome.REJECTED, r.outcome());
        assertEquals(0, POOL.size());
    }
}
