/** {@code /ipfs/id/1.0.0}: the message codec, responder (with a delayed FIN for js) and requester. */
package io.tally.p2p.identify;
