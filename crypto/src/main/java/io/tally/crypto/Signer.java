package io.tally.crypto;

/**
 * Produces domain-separated signatures with a key that may live outside the process one day (a
 * remote signer or HSM); consensus and the node only see this port.
 */
public interface Signer {
    PublicKey publicKey();

    Signature sign(SignDomain domain, String chainId, byte[] message);

    /** A signer over an in-memory key pair. */
    static Signer of(KeyPair keys) {
        return new Signer() {
            @Override
            public PublicKey publicKey() {
                return keys.publicKey();
            }

            @Override
            public Signature sign(SignDomain domain, String chainId, byte[] message) {
                return keys.sign(domain, chainId, message);
            }

            @Override
            public String toString() {
                return "Signer{" + keys.publicKey().toHex() + "}";
            }
        };
    }
}
