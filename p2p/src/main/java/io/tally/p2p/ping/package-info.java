/** {@code /ipfs/ping/1.0.0}: echo responder and a one-shot client. */
package io.tally.p2p.ping;
