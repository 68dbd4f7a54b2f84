package io.tally.p2p;

/** Application verdict on a gossip message, as in gossipsub v1.1. */
public enum Validation {
    /** Deliver and forward. */
    ACCEPT,
    /** Invalid: drop, do not forward (the sender misbehaved). */
    REJECT,
    /** Not useful (e.g. stale): drop, do not forward, no blame. */
    IGNORE
}
