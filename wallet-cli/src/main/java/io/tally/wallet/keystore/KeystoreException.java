package io.tally.wallet.keystore;

/**
 * A keystore that cannot be read or opened. The message is one line, fit to show a user; no
 * secret material is ever part of it.
 */
public final class KeystoreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the keystore was refused; tests and callers branch on this, not on the message. */
    public enum Reason {
        /** Not JSON, or a required field is missing or has the wrong type. */
        MALFORMED,
        /** A KDF, checksum or cipher function this implementation does not know. */
        UNSUPPORTED,
        /** KDF parameters whose cost exceeds the caps (a file crafted to exhaust memory or CPU). */
        PARAMS_TOO_COSTLY,
        /** Lengths or values outside what the format allows (dklen, iv, salt, secret). */
        INVALID_PARAMS,
        /** The checksum did not match: wrong password or altered ciphertext/KDF parameters. */
        WRONG_PASSWORD,
        /** Decryption worked but the secret does not match the stored public key. */
        PUBKEY_MISMATCH
    }

    private final Reason reason;

    public KeystoreException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
