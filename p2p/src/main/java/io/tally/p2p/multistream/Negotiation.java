package io.tally.p2p.multistream;

/** Outcome of feeding bytes to a negotiator. */
public enum Negotiation {
    /** More bytes are needed. */
    PENDING,
    /** A protocol was agreed; bytes left in the buffer belong to it. */
    SELECTED,
    /** The responder answered {@code na} to our only proposal. */
    REJECTED
}
