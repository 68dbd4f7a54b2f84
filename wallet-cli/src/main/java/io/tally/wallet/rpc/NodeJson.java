package io.tally.wallet.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Hash;
import io.tally.ledger.block.CommitCertificate;
import io.tally.rpc.json.AccountInfo;
import io.tally.rpc.json.BlockJson;
import io.tally.rpc.json.CertificateJson;
import io.tally.rpc.json.JsonFormatException;
import io.tally.rpc.json.RecordInfo;
import io.tally.rpc.json.StateProofData;
import io.tally.rpc.json.TxLookup;
import io.tally.rpc.json.TxStatus;
import io.tally.wallet.WalletException;

/**
 * Reads node answers with the RPC module's own JSON forms ({@code io.tally.rpc.json}, the code the
 * server writes them with), so client and server cannot drift apart. Anything that does not parse
 * becomes a one-line {@link WalletException}; transactions are taken from their {@code raw} bytes.
 */
public final class NodeJson {
    private NodeJson() {}

    @FunctionalInterface
    private interface Parser<T> {
        T parse() throws JsonFormatException;
    }

    private static <T> T parse(String what, Parser<T> p) {
        try {
            return p.parse();
        } catch (JsonFormatException e) {
            throw malformed(what, e.getMessage());
        } catch (RuntimeException e) {
            // a value the domain constructors refuse (bad chain id, negative height, ...)
            throw malformed(what, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    static NodeViews.ChainInfo chainInfo(JsonNode n) {
        return parse("chain info", () -> new NodeViews.ChainInfo(
            io.tally.rpc.json.JsonValues.text(n, "chainId"), io.tally.rpc.json.JsonValues.unsigned(n, "headHeight")));
    }

    static NodeViews.AccountView account(JsonNode n) {
        AccountInfo a = parse("account", () -> AccountInfo.fromJson(n));
        return new NodeViews.AccountView(a.address(), a.balance(), a.nonce(), a.pendingNonce(), proof(a.proof()));
    }

    static NodeViews.RecordView record(JsonNode n) {
        RecordInfo r = parse("record", () -> RecordInfo.fromJson(n));
        return new NodeViews.RecordView(r.owner(), r.key(), r.value() != null, r.value(), proof(r.proof()));
    }

    private static NodeViews.StateProofView proof(StateProofData p) {
        return new NodeViews.StateProofView(p.height(), p.stateRoot(), p.key(), p.value(), p.proof());
    }

    static NodeViews.TxView transaction(JsonNode n) {
        TxLookup t = parse("transaction", () -> TxLookup.fromJson(n));
        boolean inBlock = t.status() == TxStatus.COMMITTED || t.status() == TxStatus.FAILED;
        return new NodeViews.TxView(t.hash(), t.status().json(), t.transaction(), t.blockHeight(), t.blockHash(),
            inBlock ? new NodeViews.Receipt(t.receipt().success(), t.receipt().code(), t.receipt().message()) : null,
            inBlock ? new NodeViews.InclusionProof(t.proof().index(), t.proof().count(), t.proof().path()) : null);
    }

    static NodeViews.BlockView block(JsonNode n, boolean full) {
        BlockJson.Decoded b = parse("block", () -> BlockJson.fromJson(n));
        if (full && b.transactions() == null) {
            throw malformed("block", "has no transactions although they were requested");
        }
        return new NodeViews.BlockView(b.header(), b.hash(), b.transactionCount(), b.transactions(),
            b.transactions() == null ? b.transactionHashes() : null);
    }

    static CommitCertificate certificate(JsonNode n) {
        return parse("certificate", () -> CertificateJson.fromJson(n));
    }

    static Hash hash(JsonNode n, String what) {
        if (n == null || !n.isTextual()) {
            throw malformed(what, "must be a hex string");
        }
        return parse(what, () -> Hash.of(io.tally.rpc.json.JsonValues.parseHex(n.textValue(), what)));
    }

    private static WalletException malformed(String what, String why) {
        String reason = why.replaceAll("[\\r\\n]+", " ");
        return new WalletException("node sent a malformed " + what + ": " + (reason.length() > 300
            ? reason.substring(0, 300) + "..." : reason));
    }
}
