package io.tally.p2p;

/**
 * Application validation of a gossip message before it is delivered or forwarded. Runs on the
 * host's single protocol thread, so it must be fast and must not block (decode, check a signature,
 * look up an in-memory set); heavy work belongs in the handler.
 */
@FunctionalInterface
public interface TopicValidator {
    Validation validate(PubsubMessage message);

    static TopicValidator acceptAll() {
        return m -> Validation.ACCEPT;
    }
}
