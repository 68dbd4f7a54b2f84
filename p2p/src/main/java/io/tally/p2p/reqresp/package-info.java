/**
 * The node's request/response framing over yamux streams: one length-prefixed request, one
 * length-prefixed status+response, size limits, per-peer concurrency bound; handlers run on the
 * callback executor.
 */
package io.tally.p2p.reqresp;
