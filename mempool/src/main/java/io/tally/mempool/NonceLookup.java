package io.tally.mempool;

import io.tally.crypto.Address;

/** The committed nonce of an account: the nonce its next transaction must carry (0 for a new account). */
@FunctionalInterface
public interface NonceLookup {
    long nonceOf(Address account);
}
