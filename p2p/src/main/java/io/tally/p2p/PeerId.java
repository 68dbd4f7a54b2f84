package io.tally.p2p;

import io.tally.p2p.identity.Base32;
import io.tally.p2p.identity.Base58;
import io.tally.p2p.identity.RemotePublicKey;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.Varint;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A libp2p peer ID: the multihash of the peer's public-key protobuf (identity multihash when the
 * protobuf is at most 42 bytes, as for Ed25519, SHA-256 otherwise). Text form is base58btc of the
 * multihash; CIDv1 ({@code b…}, codec libp2p-key) is accepted when parsing.
 */
public final class PeerId implements Comparable<PeerId> {
    private static final int IDENTITY = 0x00;
    private static final int SHA2_256 = 0x12;
    private static final int LIBP2P_KEY_CODEC = 0x72;
    private static final int MAX_INLINE_KEY_BYTES = 42;
    private static final int MAX_BYTES = 128;

    private final byte[] multihash;
    private final int hash;
    private final String text;

    private PeerId(byte[] multihash) {
        this.multihash = multihash;
        this.hash = Arrays.hashCode(multihash);
        this.text = Base58.encode(multihash);
    }

    public static PeerId fromPublicKey(RemotePublicKey key) {
        byte[] proto = key.protobuf();
        if (proto.length <= MAX_INLINE_KEY_BYTES) {
            byte[] mh = new byte[2 + proto.length];
            mh[0] = IDENTITY;
            mh[1] = (byte) proto.length;
            System.arraycopy(proto, 0, mh, 2, proto.length);
            return new PeerId(mh);
        }
        byte[] mh = new byte[34];
        mh[0] = SHA2_256;
        mh[1] = 32;
        System.arraycopy(sha256(proto), 0, mh, 2, 32);
        return new PeerId(mh);
    }

    /** Parses raw multihash bytes (as in multiaddrs and gossipsub {@code from}). */
    public static PeerId fromBytes(byte[] multihash) {
        if (multihash.length > MAX_BYTES || multihash.length < 2) {
            throw new DecodeException("peer ID multihash length " + multihash.length + " out of range");
        }
        int[] pos = {0};
        long code = Varint.read(multihash, pos, multihash.length);
        long len = Varint.read(multihash, pos, multihash.length);
        if (len != multihash.length - pos[0]) {
            throw new DecodeException("peer ID multihash length field mismatch");
        }
        if (code == IDENTITY) {
            if (len > MAX_INLINE_KEY_BYTES) {
                throw new DecodeException("identity multihash too long for a peer ID");
            }
            RemotePublicKey.decode(Arrays.copyOfRange(multihash, pos[0], multihash.length));
        } else if (code == SHA2_256) {
            if (len != 32) {
                throw new DecodeException("sha2-256 multihash must have 32 bytes");
            }
        } else {
            throw new DecodeException("unsupported multihash code " + code);
        }
        return new PeerId(multihash.clone());
    }

    /** Parses the base58btc form ({@code 12D3KooW…}, {@code Qm…}) or a CIDv1 ({@code bafz…}). */
    public static PeerId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new DecodeException("empty peer ID");
        }
        if (text.charAt(0) == 'b') {
            byte[] cid = Base32.decode(text.substring(1));
            int[] pos = {0};
            long version = Varint.read(cid, pos, cid.length);
            long codec = Varint.read(cid, pos, cid.length);
            if (version != 1 || codec != LIBP2P_KEY_CODEC) {
                throw new DecodeException("CID is not a v1 libp2p-key");
            }
            return fromBytes(Arrays.copyOfRange(cid, pos[0], cid.length));
        }
        return fromBytes(Base58.decode(text));
    }

    /** The public key embedded in an identity multihash (Ed25519, secp256k1), if any. */
    public Optional<RemotePublicKey> embeddedKey() {
        if (multihash[0] != IDENTITY) {
            return Optional.empty();
        }
        return Optional.of(RemotePublicKey.decode(Arrays.copyOfRange(multihash, 2, multihash.length)));
    }

    /** True iff {@code key} is the key this ID names. */
    public boolean matches(RemotePublicKey key) {
        return equals(fromPublicKey(key));
    }

    public byte[] toBytes() {
        return multihash.clone();
    }

    public String toCid() {
        byte[] prefix = {0x01, LIBP2P_KEY_CODEC};
        byte[] all = new byte[prefix.length + multihash.length];
        System.arraycopy(prefix, 0, all, 0, 2);
        System.arraycopy(multihash, 0, all, 2, multihash.length);
        return "b" + Base32.encode(all);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId p && Arrays.equals(multihash, p.multihash);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(PeerId o) {
        return Arrays.compareUnsigned(multihash, o.multihash);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
