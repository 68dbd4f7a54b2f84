package io.tally.p2p;

/** Receives accepted gossip messages on the configured callback executor (never an I/O thread). */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(PubsubMessage message);
}
