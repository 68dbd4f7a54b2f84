package io.tally.wallet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import io.tally.ledger.tx.RecordPayload;
import io.tally.wallet.WalletException;
import io.tally.wallet.rpc.NodeApi;
import io.tally.wallet.rpc.NodeViews;
import io.tally.wallet.verify.Verified;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "block", mixinStandardHelpOptions = true,
    description = "Show a block; its certificate and transaction root are verified.")
public final class BlockCommand extends WalletCommand {
    @Parameters(paramLabel = "HEIGHT", description = "A height, or 'latest'.")
    String which;

    @Option(names = "--full", description = "Include the transactions.")
    boolean full;

    @Override
    public Integer call() {
        VerifiedReads reads = reads();
        NodeApi node = opts().node(env());
        NodeViews.BlockView b;
        if ("latest".equals(which)) {
            b = node.latestBlock(full);
        } else {
            long h;
            try {
                h = Long.parseLong(which);
            } catch (NumberFormatException e) {
                throw new WalletException("HEIGHT must be a number or 'latest', got " + which);
            }
            if (h < 0) {
                throw new WalletException("HEIGHT must not be negative");
            }
            b = node.blockByHeight(h, full);
            if (b.header().height() != h) {
                throw new io.tally.wallet.verify.VerificationException("asked for block " + h + ", the node sent block "
                    + b.header().height());
            }
        }
        Verified v = reads.block(b);
        BlockHeader hd = b.header();
        if (opts().json()) {
            ObjectNode o = object().put("height", hd.height()).put("hash", hd.hash().toHex())
                .put("chainId", hd.chainId()).put("timestampMillis", hd.timestampMillis())
                .put("previousHash", hd.previousHash().toHex()).put("proposer", hd.proposer().toHex())
                .put("txRoot", hd.txRoot().toHex()).put("stateRoot", hd.stateRoot().toHex())
                .put("validatorSetHash", hd.validatorSetHash().toHex()).put("transactionCount", b.transactionCount());
            ArrayNode txs = o.putArray("transactions");
            for (Hash h : hashes(b)) {
                txs.add(h.toHex());
            }
            reportVerified(o, v);
            printJson(o);
        } else {
            Table.keyValues(out(), "height", hd.height(), "hash", hd.hash(), "time",
                Instant.ofEpochMilli(hd.timestampMillis()), "previous", hd.previousHash(), "proposer",
                hd.proposer().toHex(), "tx root", hd.txRoot(), "state root", hd.stateRoot(), "transactions",
                b.transactionCount());
            if (b.transactions() != null && !b.transactions().isEmpty()) {
                Table t = new Table("HASH", "FROM", "NONCE", "WHAT");
                for (Transaction tx : b.transactions()) {
                    t.row(tx.hash(), tx.senderAddress(), tx.nonce(), what(tx));
                }
                t.print(out());
            }
            reportVerified(null, v);
        }
        return 0;
    }

    private static List<Hash> hashes(NodeViews.BlockView b) {
        if (b.transactions() != null) {
            return b.transactions().stream().map(Transaction::hash).toList();
        }
        return b.transactionHashes() != null ? b.transactionHashes() : List.of();
    }

    static String what(Transaction tx) {
        switch (tx.type()) {
            case TRANSFER: {
                TransferPayload p = (TransferPayload) tx.payload();
                return "transfer " + p.amount() + " to " + p.to();
            }
            case RECORD: {
                RecordPayload p = (RecordPayload) tx.payload();
                return "record " + RecordArgs.show(p.key()) + " (" + p.value().length + " bytes)";
            }
            default:
                throw new IllegalStateException("unknown transaction type " + tx.type());
        }
    }
}
