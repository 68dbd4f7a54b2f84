package io.tally.p2p.identity;

import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.Proto;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A peer's public key as carried in the libp2p {@code PublicKey} protobuf. Verifies Ed25519
 * (required), secp256k1 (DER ECDSA over SHA-256) and RSA (PKCS#1 v1.5, SHA-256). ECDSA keys are
 * parsed but never verify: js-libp2p cannot use them either.
 */
public final class RemotePublicKey {
    private static final int MAX_PROTOBUF_BYTES = 1024;
    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters SECP256K1_DOMAIN = new ECDomainParameters(
            SECP256K1.getCurve(), SECP256K1.getG(), SECP256K1.getN(), SECP256K1.getH());

    private final KeyType type;
    private final byte[] data;
    private final byte[] protobuf;

    private RemotePublicKey(KeyType type, byte[] data, byte[] protobuf) {
        this.type = type;
        this.data = data;
        this.protobuf = protobuf;
    }

    public static RemotePublicKey ed25519(byte[] raw32) {
        if (raw32.length != 32) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
        return new RemotePublicKey(KeyType.ED25519, raw32.clone(), encode(KeyType.ED25519, raw32));
    }

    /** The deterministic encoding: type then data, minimal varints, both fields present. */
    public static byte[] encode(KeyType type, byte[] data) {
        return new Proto.Writer().uint64(1, type.code()).bytes(2, data).toByteArray();
    }

    /**
     * Parses a key protobuf and insists it is in canonical form, because peer IDs hash these exact
     * bytes: two encodings of one key must not yield two identities.
     */
    public static RemotePublicKey decode(byte[] protobuf) {
        if (protobuf.length > MAX_PROTOBUF_BYTES) {
            throw new DecodeException("public key protobuf too large: " + protobuf.length);
        }
        KeyType type = null;
        byte[] data = null;
        Proto.Reader r = new Proto.Reader(protobuf);
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    long code = r.uint64();
                    type = KeyType.ofCode(code);
                    if (type == null) {
                        throw new DecodeException("unknown key type " + code);
                    }
                }
                case 2 -> data = r.bytes();
                default -> r.skip();
            }
        }
        if (type == null || data == null) {
            throw new DecodeException("public key protobuf lacks type or data");
        }
        if (!Arrays.equals(encode(type, data), protobuf)) {
            throw new DecodeException("public key protobuf is not canonically encoded");
        }
        switch (type) {
            case ED25519 -> {
                if (data.length != 32) {
                    throw new DecodeException("Ed25519 key must be 32 bytes, got " + data.length);
                }
            }
            case SECP256K1 -> {
                if (data.length != 33) {
                    throw new DecodeException("secp256k1 key must be a 33-byte compressed point");
                }
                try {
                    SECP256K1.getCurve().decodePoint(data);
                } catch (RuntimeException e) {
                    throw new DecodeException("secp256k1 key is not a curve point", e);
                }
            }
            default -> { }
        }
        return new RemotePublicKey(type, data, protobuf.clone());
    }

    public KeyType type() {
        return type;
    }

    public byte[] protobuf() {
        return protobuf.clone();
    }

    public byte[] data() {
        return data.clone();
    }

    /** True only for a valid signature; malformed signatures are just invalid, never exceptions. */
    public boolean verify(byte[] message, byte[] signature) {
        try {
            return switch (type) {
                case ED25519 -> signature.length == 64 && Ed25519.verify(signature, 0, data, 0, message, 0, message.length);
                case SECP256K1 -> verifySecp256k1(message, signature);
                case RSA -> verifyRsa(message, signature);
                case ECDSA -> false;
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean verifySecp256k1(byte[] message, byte[] der) {
        if (der.length > 80) {
            return false;
        }
        BigInteger[] rs = decodeDer(der);
        if (rs == null) {
            return false;
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, new ECPublicKeyParameters(SECP256K1.getCurve().decodePoint(data), SECP256K1_DOMAIN));
        return signer.verifySignature(sha256(message), rs[0], rs[1]);
    }

    private boolean verifyRsa(byte[] message, byte[] signature) {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(data);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (!(key instanceof RSAKeyParameters rsa) || rsa.getModulus().bitLength() < 2048 || rsa.getModulus().bitLength() > 8192) {
            return false;
        }
        RSADigestSigner signer = new RSADigestSigner(new SHA256Digest());
        signer.init(false, rsa);
        signer.update(message, 0, message.length);
        return signer.verifySignature(signature);
    }

    private static BigInteger[] decodeDer(byte[] der) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(der);
            if (!(p instanceof ASN1Sequence seq) || seq.size() != 2) {
                return null;
            }
            if (!Arrays.equals(p.getEncoded("DER"), der)) {
                return null;
            }
            return new BigInteger[] {
                ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue(),
                ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue()
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemotePublicKey k && Arrays.equals(protobuf, k.protobuf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(protobuf);
    }
}
