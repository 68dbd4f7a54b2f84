package io.tally.wallet.keystore;

import io.tally.wallet.keystore.KeystoreException.Reason;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The key-derivation module of a keystore. Parameters are checked against caps before any work
 * is done, so a crafted file cannot make the wallet allocate gigabytes or spin for hours.
 */
public sealed interface Kdf permits Kdf.Scrypt, Kdf.Pbkdf2 {
    /** The decryption key must be at least this long: [0:16] is the AES key, [16:32] feeds the checksum. */
    int MIN_DKLEN = 32;
    int MAX_DKLEN = 64;
    int MAX_SALT_LENGTH = 256;

    String function();

    int dklen();

    byte[] salt();

    byte[] derive(byte[] password);

    /** scrypt (RFC 7914). Caps: n a power of two in 2..2^20, r ≤ 32, p ≤ 16, memory 128·n·r ≤ 512 MiB. */
    record Scrypt(int dklen, int n, int r, int p, byte[] salt) implements Kdf {
        public static final int MAX_N = 1 << 20;
        public static final int MAX_R = 32;
        public static final int MAX_P = 16;
        public static final long MAX_MEMORY_BYTES = 512L << 20;

        public Scrypt {
            salt = salt.clone();
        }

        static Scrypt checked(long dklen, long n, long r, long p, byte[] salt) throws KeystoreException {
            checkCommon(dklen, salt);
            if (n < 2 || n > MAX_N || (n & (n - 1)) != 0) {
                throw new KeystoreException(n > MAX_N ? Reason.PARAMS_TOO_COSTLY : Reason.INVALID_PARAMS,
                    "scrypt n must be a power of two in 2.." + MAX_N + ", got " + n);
            }
            if (r < 1 || r > MAX_R || p < 1 || p > MAX_P) {
                throw new KeystoreException(r > MAX_R || p > MAX_P ? Reason.PARAMS_TOO_COSTLY : Reason.INVALID_PARAMS,
                    "scrypt r must be 1.." + MAX_R + " and p 1.." + MAX_P + ", got r=" + r + " p=" + p);
            }
            if (128L * n * r > MAX_MEMORY_BYTES) {
                throw new KeystoreException(Reason.PARAMS_TOO_COSTLY,
                    "scrypt n=" + n + " r=" + r + " needs more than " + (MAX_MEMORY_BYTES >> 20) + " MiB");
            }
            return new Scrypt((int) dklen, (int) n, (int) r, (int) p, salt);
        }

        @Override
        public String function() {
            return "scrypt";
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] derive(byte[] password) {
            return SCrypt.generate(password, salt, n, r, p, dklen);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Scrypt s && dklen == s.dklen && n == s.n && r == s.r && p == s.p
                && Arrays.equals(salt, s.salt);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(salt) * 31 + n;
        }

        @Override
        public String toString() {
            return "scrypt(n=" + n + ", r=" + r + ", p=" + p + ", dklen=" + dklen + ")";
        }
    }

    /** PBKDF2 with HMAC-SHA-256 (RFC 2898). Cap: c ≤ 2^22 iterations. */
    record Pbkdf2(int dklen, int c, byte[] salt) implements Kdf {
        public static final String PRF = "hmac-sha256";
        public static final int MAX_C = 1 << 22;

        public Pbkdf2 {
            salt = salt.clone();
        }

        static Pbkdf2 checked(long dklen, long c, String prf, byte[] salt) throws KeystoreException {
            checkCommon(dklen, salt);
            if (!PRF.equals(prf)) {
                throw new KeystoreException(Reason.UNSUPPORTED, "unsupported pbkdf2 prf '" + prf + "' (only " + PRF + ")");
            }
            if (c < 1 || c > MAX_C) {
                throw new KeystoreException(c > MAX_C ? Reason.PARAMS_TOO_COSTLY : Reason.INVALID_PARAMS,
                    "pbkdf2 c must be 1.." + MAX_C + ", got " + c);
            }
            return new Pbkdf2((int) dklen, (int) c, salt);
        }

        @Override
        public String function() {
            return "pbkdf2";
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] derive(byte[] password) {
            PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA256Digest());
            gen.init(password, salt, c);
            return ((KeyParameter) gen.generateDerivedParameters(dklen * 8)).getKey();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pbkdf2 k && dklen == k.dklen && c == k.c && Arrays.equals(salt, k.salt);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(salt) * 31 + c;
        }

        @Override
        public String toString() {
            return "pbkdf2(c=" + c + ", dklen=" + dklen + ")";
        }
    }

    private static void checkCommon(long dklen, byte[] salt) throws KeystoreException {
        if (dklen < MIN_DKLEN || dklen > MAX_DKLEN) {
            throw new KeystoreException(Reason.INVALID_PARAMS,
                "kdf dklen must be " + MIN_DKLEN + ".." + MAX_DKLEN + ", got " + dklen);
        }
        if (salt.length == 0 || salt.length > MAX_SALT_LENGTH) {
            throw new KeystoreException(Reason.INVALID_PARAMS, "kdf salt must be 1.." + MAX_SALT_LENGTH + " bytes");
        }
    }
}
