package io.tally.ledger.block;

import io.tally.crypto.Hash;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A block: header and ordered transactions. Encoding:
 * {@code header | u32 count | (u32 len | signed tx)*}. The header's txRoot must equal
 * {@link #computeTxRoot(List)} of the body; {@link #checkTxRoot()} verifies it.
 */
public record Block(BlockHeader header, List<Transaction> transactions) {
    /** Hard ceiling on a block's transaction count; the consensus parameter is usually lower. */
    public static final int MAX_TRANSACTIONS = 100_000;

    public Block {
        Objects.requireNonNull(header, "header");
        transactions = List.copyOf(transactions);
    }

    public Hash hash() {
        return header.hash();
    }

    public long height() {
        return header.height();
    }

    public static Hash computeTxRoot(List<Transaction> txs) {
        List<Hash> hashes = new ArrayList<>(txs.size());
        for (Transaction t : txs) {
            hashes.add(t.hash());
        }
        return MerkleTree.root(hashes);
    }

    /** True when the header's transactions root matches the body. */
    public boolean checkTxRoot() {
        return header.txRoot().equals(computeTxRoot(transactions));
    }

    public byte[] encode() {
        int size = 256;
        for (Transaction t : transactions) {
            size += 4 + t.encodedLength();
        }
        ByteWriter w = new ByteWriter(size);
        header.encodeTo(w);
        w.u32(transactions.size());
        for (Transaction t : transactions) {
            w.bytes32(t.encoded());
        }
        return w.toByteArray();
    }

    /**
     * Decodes a block of at most {@code maxTransactions} transactions. Does not check signatures or
     * the tx root.
     */
    public static Block decode(byte[] bytes, int maxTransactions) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        BlockHeader header = BlockHeader.decodeFrom(r);
        long count = r.u32("transaction count");
        if (count > Math.min(maxTransactions, MAX_TRANSACTIONS)) {
            throw new DecodeException(Reason.OVERSIZE, "block has " + count + " transactions, the limit is "
                + Math.min(maxTransactions, MAX_TRANSACTIONS));
        }
        List<Transaction> txs = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            txs.add(TransactionCodec.decode(r.bytes32(TransactionCodec.MAX_ENCODED_LENGTH, "transaction")));
        }
        r.finish("block");
        return new Block(header, txs);
    }

    public static Block decode(byte[] bytes) throws DecodeException {
        return decode(bytes, MAX_TRANSACTIONS);
    }
}
