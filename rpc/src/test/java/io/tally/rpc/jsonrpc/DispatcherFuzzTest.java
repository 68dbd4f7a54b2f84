package io.tally.rpc.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Arbitrary bytes into the dispatcher never throw and always yield JSON-RPC (or nothing, for
 * notifications). Runs its seed corpus as a regression test; fuzz with JAZZER_FUZZ=1.
 */
class DispatcherFuzzTest {
    private static final RpcMethod ECHO = new RpcMethod() {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String summary() {
            return "echo";
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(ParamSpec.required("h", ParamType.HASH, "h"), ParamSpec.optional("n", ParamType.UINT, "n"),
                ParamSpec.optional("a", ParamType.ADDRESS, "a"));
        }

        @Override
        public String resultDescription() {
            return "the hash";
        }

        @Override
        public JsonNode call(Params p) throws RpcException {
            p.uint("n", 0);
            return TextNode.valueOf(p.hash("h").toHex());
        }
    };
    private static final JsonRpcDispatcher DISPATCHER = new JsonRpcDispatcher(MethodTable.builder().add(ECHO).build(),
        10, 1 << 16, Duration.ofSeconds(5), RpcObserver.NONE);

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAJsonRpcAnswer(byte[] input) throws Exception {
        Optional<byte[]> out = DISPATCHER.handle(input);
        if (out.isPresent()) {
            JsonNode n = DISPATCHER.mapper().readTree(out.get());
            assertTrue(n.isObject() || n.isArray());
        }
    }
}
