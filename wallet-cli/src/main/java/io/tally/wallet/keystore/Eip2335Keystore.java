package io.tally.wallet.keystore;

import io.tally.wallet.keystore.KeystoreException.Reason;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An EIP-2335 (version 4) keystore: a secret encrypted with AES-128-CTR under a key derived from
 * a password, plus {@code SHA-256(decryption_key[16:32] || cipher_message)} to tell a wrong
 * password from a right one before any plaintext is released. {@link KeystoreJson} reads and
 * writes the JSON form; this class does the cryptography.
 *
 * @param pubkey hex of the public key (the stored secret's public half); may be empty
 * @param path EIP-2334 derivation path, {@code ""} for keys not derived from a tree (ours)
 */
public record Eip2335Keystore(Kdf kdf, byte[] checksum, byte[] iv, byte[] cipherMessage, String description,
        String pubkey, String path, UUID uuid) {
    public static final int VERSION = 4;
    public static final int IV_LENGTH = 16;
    public static final int CHECKSUM_LENGTH = 32;
    public static final int MAX_SECRET_LENGTH = 64;

    public Eip2335Keystore {
        Objects.requireNonNull(kdf, "kdf");
        checksum = checksum.clone();
        iv = iv.clone();
        cipherMessage = cipherMessage.clone();
        description = description == null ? "" : description;
        pubkey = pubkey == null ? "" : pubkey;
        path = path == null ? "" : path;
        Objects.requireNonNull(uuid, "uuid");
    }

    /** Encrypts {@code secret} (1..64 bytes) under {@code password}. */
    public static Eip2335Keystore encrypt(byte[] secret, char[] password, Kdf kdf, byte[] iv, String pubkey,
            String description, UUID uuid) {
        if (secret.length == 0 || secret.length > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("secret must be 1.." + MAX_SECRET_LENGTH + " bytes");
        }
        if (iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("iv must be " + IV_LENGTH + " bytes");
        }
        byte[] dk = kdf.derive(Password.encode(password));
        try {
            byte[] message = aesCtr(dk, iv, secret);
            return new Eip2335Keystore(kdf, checksum(dk, message), iv, message, description, pubkey, "", uuid);
        } finally {
            Arrays.fill(dk, (byte) 0);
        }
    }

    /**
     * Derives the decryption key, checks the checksum and decrypts.
     *
     * @throws KeystoreException {@link Reason#WRONG_PASSWORD} when the checksum does not match
     */
    public byte[] decrypt(char[] password) throws KeystoreException {
        byte[] dk;
        try {
            dk = kdf.derive(Password.encode(password));
        } catch (IllegalArgumentException e) {
            // Bouncy Castle rejects a few combinations our caps let through (e.g. scrypt n ≥ 2^(16r)).
            throw new KeystoreException(Reason.INVALID_PARAMS, "kdf parameters rejected: " + e.getMessage());
        }
        try {
            if (!MessageDigest.isEqual(checksum(dk, cipherMessage), checksum)) {
                throw new KeystoreException(Reason.WRONG_PASSWORD, "wrong password (checksum mismatch)");
            }
            return aesCtr(dk, iv, cipherMessage);
        } finally {
            Arrays.fill(dk, (byte) 0);
        }
    }

    private static byte[] checksum(byte[] dk, byte[] cipherMessage) {
        MessageDigest sha = io.tally.crypto.Sha256.newDigest();
        sha.update(dk, 16, 16);
        sha.update(cipherMessage);
        return sha.digest();
    }

    private static byte[] aesCtr(byte[] dk, byte[] iv, byte[] input) {
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dk, 0, 16, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CTR is unavailable in this JVM", e);
        }
    }

    @Override
    public byte[] checksum() {
        return checksum.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] cipherMessage() {
        return cipherMessage.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Eip2335Keystore k && kdf.equals(k.kdf) && Arrays.equals(checksum, k.checksum)
            && Arrays.equals(iv, k.iv) && Arrays.equals(cipherMessage, k.cipherMessage)
            && description.equals(k.description) && pubkey.equals(k.pubkey) && path.equals(k.path)
            && uuid.equals(k.uuid);
    }

    @Override
    public int hashCode() {
        return uuid.hashCode();
    }

    @Override
    public String toString() {
        return "Eip2335Keystore{" + uuid + ", " + kdf + ", pubkey=" + pubkey + "}";
    }
}
