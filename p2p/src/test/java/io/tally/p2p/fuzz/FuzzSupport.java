package io.tally.p2p.fuzz;

import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.yamux.YamuxException;

/** The only exceptions a decoder may throw on hostile bytes; anything else fails the fuzz target. */
final class FuzzSupport {
    private FuzzSupport() {}

    static void expectTypedErrorsOnly(Runnable r) {
        try {
            r.run();
        } catch (DecodeException | YamuxException e) {
            // declared outcome for malformed input
        }
    }
}
