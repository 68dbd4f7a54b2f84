/**
 * Byte-level helpers shared by every codec: unsigned varints, length-prefixed framing, hand-written
 * protobuf reading/writing, and {@link io.tally.p2p.wire.DecodeException}, the one error type for
 * malformed network input. Pure functions; no I/O.
 */
package io.tally.p2p.wire;
