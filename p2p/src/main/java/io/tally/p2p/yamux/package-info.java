/**
 * Yamux 1.0.0: frame codec and a session state machine with per-stream flow control, FIN/RST,
 * ping and GoAway. No I/O: bytes out go to a sink. Single-threaded (the connection's event loop).
 */
package io.tally.p2p.yamux;
