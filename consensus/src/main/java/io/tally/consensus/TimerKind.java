package io.tally.consensus;

/** The replica's timers. Setting a timer of a kind replaces the armed one of that kind. */
public enum TimerKind {
    /** No progress at this height and view (or no new view yet): move to the next view. */
    VIEW,
    /** Re-send own votes of the current height; check whether this replica is behind. */
    RETRANSMIT,
    /** Propose even without pending transactions (only when a heartbeat is configured). */
    HEARTBEAT
}
