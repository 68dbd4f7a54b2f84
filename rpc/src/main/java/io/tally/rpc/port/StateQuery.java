package io.tally.rpc.port;

import io.tally.crypto.Address;
import io.tally.rpc.json.StateProofData;

/** Latest committed state with proofs against the head's state root. */
public interface StateQuery {
    /** An account's balance and nonce (zero for an untouched account) with its proof. */
    ProvenAccount account(Address address);

    /** A record's value (null if absent) with its proof. {@code key} is 1..64 bytes. */
    ProvenRecord record(Address owner, byte[] key);

    /** A committed account state and its proof. */
    record ProvenAccount(long balance, long nonce, StateProofData proof) {}

    /** A record value (null if absent) and its proof. */
    record ProvenRecord(byte[] value, StateProofData proof) {}
}
