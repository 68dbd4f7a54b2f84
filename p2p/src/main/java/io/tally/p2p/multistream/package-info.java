/**
 * multistream-select 1.0 (line codec, initiator, responder) and the glue that negotiates a protocol
 * on each yamux stream before handing it to a {@link io.tally.p2p.multistream.ProtocolHandler}.
 * Single-threaded: used on a connection's event loop.
 */
package io.tally.p2p.multistream;
