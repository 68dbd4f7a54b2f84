package io.tally.p2p.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tally.p2p.gossip.Rpc;
import io.tally.p2p.gossip.RpcCodec;
import io.tally.p2p.gossip.StrictSign;

/** Hostile gossipsub RPCs: decoding, then signature checks of every contained message. */
class GossipFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void rpcDecodeAndVerify(byte[] data) {
        FuzzSupport.expectTypedErrorsOnly(() -> {
            Rpc rpc = RpcCodec.decode(data);
            for (Rpc.Message m : rpc.publish()) {
                FuzzSupport.expectTypedErrorsOnly(() -> StrictSign.verify(m));
            }
            RpcCodec.decode(RpcCodec.encode(rpc));
        });
    }
}
