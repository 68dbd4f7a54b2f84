package io.tally.p2p.noise;

import io.tally.crypto.Bytes;
import io.tally.p2p.wire.DecodeException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The Noise_XX_25519_ChaChaPoly_SHA256 handshake state machine, pure (no I/O):
 * {@code -> e}, {@code <- e, ee, s, es}, {@code -> s, se}. Call {@link #writeMessage} and
 * {@link #readMessage} alternately in pattern order, then {@link #split}. Single-threaded.
 */
public final class NoiseXX {
    public static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
    public static final int DH_LEN = 32;
    /** Largest Noise message; frames carry a 2-byte length. */
    public static final int MAX_MESSAGE_BYTES = 65535;

    private final boolean initiator;
    private final SymmetricState ss = new SymmetricState(PROTOCOL_NAME);
    private final byte[] sPriv;
    private final byte[] sPub;
    private final byte[] ePriv;
    private final byte[] ePub;
    private byte[] re;
    private byte[] rs;
    private int step;

    /** Production constructor: fresh ephemeral key, empty prologue (libp2p still mixes it in). */
    public NoiseXX(boolean initiator, byte[] staticPrivate, SecureRandom random) {
        this(initiator, staticPrivate, newPrivateKey(random), new byte[0]);
    }

    /** Test hook: fixed ephemeral key and prologue, for the cacophony vectors. */
    public NoiseXX(boolean initiator, byte[] staticPrivate, byte[] ephemeralPrivate, byte[] prologue) {
        this.initiator = initiator;
        this.sPriv = staticPrivate.clone();
        this.sPub = publicKey(sPriv);
        this.ePriv = ephemeralPrivate.clone();
        this.ePub = publicKey(ePriv);
        ss.mixHash(prologue);
    }

    public static byte[] newPrivateKey(SecureRandom random) {
        byte[] k = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, k);
        return k;
    }

    public static byte[] publicKey(byte[] privateKey) {
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(privateKey, 0, pub, 0);
        return pub;
    }

    public byte[] staticPublicKey() {
        return sPub.clone();
    }

    public boolean isInitiator() {
        return initiator;
    }

    public boolean isComplete() {
        return step == 3;
    }

    /** Whether the next message is ours to write. */
    public boolean isMyTurn() {
        return step < 3 && (step % 2 == 0) == initiator;
    }

    public byte[] writeMessage(byte[] payload) {
        if (!isMyTurn()) {
            throw new IllegalStateException("not our turn to write (step " + step + ")");
        }
        byte[] out;
        switch (step) {
            case 0 -> {
                ss.mixHash(ePub);
                out = Bytes.concat(ePub, ss.encryptAndHash(payload));
            }
            case 1 -> {
                ss.mixHash(ePub);
                ss.mixKey(dh(ePriv, re));
                byte[] encS = ss.encryptAndHash(sPub);
                ss.mixKey(dh(sPriv, re));
                out = Bytes.concat(ePub, encS, ss.encryptAndHash(payload));
            }
            case 2 -> {
                byte[] encS = ss.encryptAndHash(sPub);
                ss.mixKey(dh(sPriv, re));
                out = Bytes.concat(encS, ss.encryptAndHash(payload));
            }
            default -> throw new IllegalStateException("handshake already complete");
        }
        if (out.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("noise handshake payload too large");
        }
        step++;
        return out;
    }

    /** Consumes the peer's next handshake message and returns its decrypted payload. */
    public byte[] readMessage(byte[] msg) {
        if (step >= 3 || isMyTurn()) {
            throw new DecodeException("unexpected noise handshake message at step " + step);
        }
        byte[] payload;
        switch (step) {
            case 0 -> {
                require(msg, DH_LEN);
                re = Arrays.copyOfRange(msg, 0, DH_LEN);
                ss.mixHash(re);
                payload = ss.decryptAndHash(Arrays.copyOfRange(msg, DH_LEN, msg.length));
            }
            case 1 -> {
                require(msg, DH_LEN + DH_LEN + CipherState.TAG_BYTES + CipherState.TAG_BYTES);
                re = Arrays.copyOfRange(msg, 0, DH_LEN);
                ss.mixHash(re);
                ss.mixKey(dh(ePriv, re));
                rs = ss.decryptAndHash(Arrays.copyOfRange(msg, DH_LEN, 2 * DH_LEN + CipherState.TAG_BYTES));
                ss.mixKey(dh(ePriv, rs));
                payload = ss.decryptAndHash(Arrays.copyOfRange(msg, 2 * DH_LEN + CipherState.TAG_BYTES, msg.length));
            }
            case 2 -> {
                require(msg, DH_LEN + CipherState.TAG_BYTES + CipherState.TAG_BYTES);
                rs = ss.decryptAndHash(Arrays.copyOfRange(msg, 0, DH_LEN + CipherState.TAG_BYTES));
                ss.mixKey(dh(ePriv, rs));
                payload = ss.decryptAndHash(Arrays.copyOfRange(msg, DH_LEN + CipherState.TAG_BYTES, msg.length));
            }
            default -> throw new DecodeException("handshake already complete");
        }
        step++;
        return payload;
    }

    /** The remote's static X25519 key, known after its {@code s} token was read. */
    public byte[] remoteStaticKey() {
        if (rs == null) {
            throw new IllegalStateException("remote static key not yet received");
        }
        return rs.clone();
    }

    public byte[] handshakeHash() {
        return ss.handshakeHash();
    }

    /** Transport ciphers as {@code [send, receive]} for this side. */
    public CipherState[] split() {
        if (!isComplete()) {
            throw new IllegalStateException("handshake not complete");
        }
        CipherState[] c = ss.split();
        return initiator ? new CipherState[] {c[0], c[1]} : new CipherState[] {c[1], c[0]};
    }

    private static void require(byte[] msg, int min) {
        if (msg.length < min) {
            throw new DecodeException("noise handshake message too short: " + msg.length + " < " + min);
        }
    }

    private static byte[] dh(byte[] priv, byte[] pub) {
        byte[] out = new byte[32];
        // calculateAgreement rejects an all-zero result (low-order point), which Noise permits us to abort on.
        if (!X25519.calculateAgreement(priv, 0, pub, 0, out, 0)) {
            throw new DecodeException("X25519 agreement with a low-order point");
        }
        return out;
    }
}
