package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Node encodings, hashes and storage keys of the state tree (docs/storage.md, "State tree"):
 *
 * <pre>
 * leaf     bytes = 0x00 || keyHash(32) || value        hash = SHA-256(0x00 || keyHash || SHA-256(value))
 * internal bytes = 0x01 || left(32) || right(32) || leftVersion(u64) || rightVersion(u64)
 *                                                     hash = SHA-256(0x01 || left || right)
 * empty subtree: not stored, hash = 32 zero bytes, version 0
 * key      = version(u64) || hash(32)
 * </pre>
 *
 * The children's versions are stored, not hashed: they say where a child is, not what it is, so
 * roots and proofs do not depend on when a subtree was written.
 */
final class SmtNodes {
    static final byte LEAF = 0x00;
    static final byte INTERNAL = 0x01;
    static final int INTERNAL_LENGTH = 1 + 2 * Hash.LENGTH + 2 * Long.BYTES;
    static final int KEY_LENGTH = Long.BYTES + Hash.LENGTH;
    private static final int LEFT_VERSION = 1 + 2 * Hash.LENGTH;
    private static final int RIGHT_VERSION = LEFT_VERSION + Long.BYTES;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private SmtNodes() {}

    static Hash leafHash(Hash keyHash, Hash valueHash) {
        return Sha256.hashNode(LEAF, keyHash, valueHash);
    }

    static Hash internalHash(Hash left, Hash right) {
        return Sha256.hashNode(INTERNAL, left, right);
    }

    /** The storage key of a node: big-endian version first, so later versions sort after earlier ones. */
    static byte[] key(long version, Hash hash) {
        byte[] k = new byte[KEY_LENGTH];
        BIG_ENDIAN_LONG.set(k, 0, version);
        hash.copyTo(k, Long.BYTES);
        return k;
    }

    static byte[] encodeLeaf(Hash keyHash, byte[] value) {
        byte[] b = new byte[1 + Hash.LENGTH + value.length];
        b[0] = LEAF;
        keyHash.copyTo(b, 1);
        System.arraycopy(value, 0, b, 1 + Hash.LENGTH, value.length);
        return b;
    }

    static byte[] encodeInternal(Hash left, long leftVersion, Hash right, long rightVersion) {
        byte[] b = new byte[INTERNAL_LENGTH];
        b[0] = INTERNAL;
        left.copyTo(b, 1);
        right.copyTo(b, 1 + Hash.LENGTH);
        BIG_ENDIAN_LONG.set(b, LEFT_VERSION, leftVersion);
        BIG_ENDIAN_LONG.set(b, RIGHT_VERSION, rightVersion);
        return b;
    }

    static boolean isLeaf(byte[] node) {
        return node[0] == LEAF;
    }

    static Hash leafKey(byte[] node) {
        return Hash.read(node, 1);
    }

    static byte[] leafValue(byte[] node) {
        return Arrays.copyOfRange(node, 1 + Hash.LENGTH, node.length);
    }

    static Hash left(byte[] node) {
        return Hash.read(node, 1);
    }

    static Hash right(byte[] node) {
        return Hash.read(node, 1 + Hash.LENGTH);
    }

    static long leftVersion(byte[] node) {
        return (long) BIG_ENDIAN_LONG.get(node, LEFT_VERSION);
    }

    static long rightVersion(byte[] node) {
        return (long) BIG_ENDIAN_LONG.get(node, RIGHT_VERSION);
    }
}
