package io.tally.consensus.driver;

/** Sends encoded consensus messages to validators (implemented by p2p). Must not block for long. */
public interface Transport {
    void broadcast(byte[] message);

    void send(int validatorIndex, byte[] message);
}
