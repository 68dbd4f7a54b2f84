package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import java.util.Arrays;

/**
 * Node encodings and hashes of the state tree (docs/storage.md, "State tree"):
 *
 * <pre>
 * leaf     bytes = 0x00 || keyHash(32) || value        hash = SHA-256(0x00 || keyHash || SHA-256(value))
 * internal bytes = 0x01 || left(32) || right(32)      hash = SHA-256(0x01 || left || right)
 * empty subtree: not stored, hash = 32 zero bytes
 * </pre>
 */
final class SmtNodes {
    static final byte LEAF = 0x00;
    static final byte INTERNAL = 0x01;
    static final int INTERNAL_LENGTH = 1 + 2 * Hash.LENGTH;

    private SmtNodes() {}

    static Hash leafHash(Hash keyHash, Hash valueHash) {
        return Sha256.hashNode(LEAF, keyHash, valueHash);
    }

    static Hash internalHash(Hash left, Hash right) {
        return Sha256.hashNode(INTERNAL, left, right);
    }

    static byte[] encodeLeaf(Hash keyHash, byte[] value) {
        byte[] b = new byte[1 + Hash.LENGTH + value.length];
        b[0] = LEAF;
        keyHash.copyTo(b, 1);
        System.arraycopy(value, 0, b, 1 + Hash.LENGTH, value.length);
        return b;
    }

    static byte[] encodeInternal(Hash left, Hash right) {
        byte[] b = new byte[INTERNAL_LENGTH];
        b[0] = INTERNAL;
        left.copyTo(b, 1);
        right.copyTo(b, 1 + Hash.LENGTH);
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
}
