package io.tally.wallet.cli;

import io.tally.crypto.Address;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.StateKey;
import io.tally.wallet.rpc.NodeApi;
import io.tally.wallet.rpc.NodeViews;
import io.tally.wallet.rpc.RpcException;
import io.tally.wallet.verify.ReadVerifier;
import io.tally.wallet.verify.Verified;
import io.tally.wallet.verify.VerificationException;
import java.util.Arrays;

/**
 * The read paths of the CLI: ask the node, then (unless verification is off) fetch the header and
 * certificate the answer relies on and check both before anything is printed.
 */
final class VerifiedReads {
    private final NodeApi node;
    private final ReadVerifier verifier; // null = --no-verify

    VerifiedReads(NodeApi node, ReadVerifier verifier) {
        this.node = node;
        this.verifier = verifier;
    }

    boolean verifying() {
        return verifier != null;
    }

    /** The header at {@code height} with its certificate checked. */
    Verified certifiedHeader(long height, NodeViews.BlockView block) {
        NodeViews.BlockView b = block != null ? block : node.blockByHeight(height, false);
        if (b.header().height() != height) {
            throw new VerificationException("asked for block " + height + ", the node sent block " + b.header().height());
        }
        if (!b.claimedHash().equals(b.header().hash())) {
            throw new VerificationException("block " + height + " claims hash " + b.claimedHash()
                + " but its header hashes to " + b.header().hash());
        }
        if (height == 0) {
            return verifier.genesis(b.header());
        }
        CommitCertificate cert;
        try {
            cert = node.certificate(height);
        } catch (RpcException e) {
            if (e.code() == RpcException.NOT_FOUND) {
                throw new VerificationException("the node has no commit certificate for block " + height);
            }
            throw e;
        }
        return verifier.header(b.header(), cert);
    }

    record Account(NodeViews.AccountView view, Verified verified) {}

    Account account(Address address) {
        NodeViews.AccountView a = node.account(address);
        if (!a.address().equals(address)) {
            throw new VerificationException("asked for account " + address + ", the node answered for " + a.address());
        }
        if (verifier == null) {
            return new Account(a, null);
        }
        byte[] value = a.proof().value();
        AccountState reported = new AccountState(a.balance(), a.nonce());
        if (value == null ? !reported.equals(AccountState.EMPTY) : !Arrays.equals(value, reported.encode())) {
            throw new VerificationException("the proven account value does not match the reported balance "
                + a.balance() + " and nonce " + a.nonce());
        }
        if (value != null) {
            try {
                AccountState.decode(value);
            } catch (DecodeException e) {
                throw new VerificationException("proven account value is malformed: " + e.getMessage());
            }
        }
        Verified v = certifiedHeader(a.proof().height(), null);
        verifier.state(v, a.proof(), StateKey.account(address).bytes(), value);
        return new Account(a, v);
    }

    record Record(NodeViews.RecordView view, Verified verified) {}

    Record record(Address owner, byte[] key) {
        NodeViews.RecordView r = node.record(owner, key);
        if (!r.owner().equals(owner) || !Arrays.equals(r.key(), key)) {
            throw new VerificationException("the node answered for a different record than the one asked for");
        }
        if (verifier == null) {
            return new Record(r, null);
        }
        if (r.exists() != (r.proof().value() != null) || (r.exists() && !Arrays.equals(r.value(), r.proof().value()))) {
            throw new VerificationException("the proven record value does not match the reported one");
        }
        Verified v = certifiedHeader(r.proof().height(), null);
        verifier.state(v, r.proof(), StateKey.record(owner, key).bytes(), r.value());
        return new Record(r, v);
    }

    /** Checks a transaction that the node says is in a block. */
    Verified transaction(NodeViews.TxView tx) {
        if (verifier == null || !tx.inBlock()) {
            return null;
        }
        Verified v = certifiedHeader(tx.blockHeight(), null);
        if (!tx.blockHash().equals(v.header().hash())) {
            throw new VerificationException("transaction claims block " + tx.blockHash() + " but block "
                + tx.blockHeight() + " is " + v.header().hash());
        }
        verifier.inclusion(v, tx.hash(), tx.proof());
        return v;
    }

    /** Checks a served block: certificate, then its body (or hash list) against txRoot. */
    Verified block(NodeViews.BlockView b) {
        if (verifier == null) {
            return null;
        }
        Verified v = certifiedHeader(b.header().height(), b);
        if (b.transactions() != null) {
            verifier.body(v, b.transactions());
        } else if (b.transactionHashes() != null) {
            verifier.hashes(v, b.transactionHashes());
        }
        int served = b.transactions() != null ? b.transactions().size()
            : b.transactionHashes() != null ? b.transactionHashes().size() : b.transactionCount();
        if (served != b.transactionCount()) {
            throw new VerificationException("block " + v.height() + " says it has " + b.transactionCount()
                + " transactions but lists " + served);
        }
        return v;
    }
}
