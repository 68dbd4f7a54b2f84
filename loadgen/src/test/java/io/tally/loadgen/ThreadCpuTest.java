package io.tally.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void threadsAreGroupedByTheRoleTheirNamesGive() {
        assertEquals("verify", ThreadCpu.group("mempool-verify-"));
        assertEquals("validate", ThreadCpu.group("consensus-work"));
        assertEquals("consensus", ThreadCpu.group("consensus-0"));
        // Linux keeps 15 characters of "leveldb-compaction", the name LevelDbStore gives the thread.
        assertEquals("storage", ThreadCpu.group("leveldb-compact"));
        assertEquals("p2p", ThreadCpu.group("p2p-Rjx3Vi-1-1"));
        assertEquals("rpc", ThreadCpu.group("rpc-http-28"));
        assertEquals("gossip", ThreadCpu.group("tx-gossip"));
        assertEquals("gc", ThreadCpu.group("VM Thread"));
        assertEquals("jit", ThreadCpu.group("C2 CompilerThre"));
        assertEquals("other", ThreadCpu.group("main"));
    }
}
