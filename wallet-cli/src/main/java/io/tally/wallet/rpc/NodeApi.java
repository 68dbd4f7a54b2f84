package io.tally.wallet.rpc;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.block.CommitCertificate;

/**
 * The node methods the wallet uses (docs/rpc.md). Every answer is parsed into ledger types and is
 * still untrusted: {@code io.tally.wallet.verify} decides whether to believe it.
 */
public interface NodeApi {
    NodeViews.ChainInfo chainInfo();

    NodeViews.AccountView account(Address address);

    NodeViews.RecordView record(Address owner, byte[] key);

    NodeViews.TxView transaction(Hash hash);

    NodeViews.BlockView blockByHeight(long height, boolean fullTransactions);

    NodeViews.BlockView latestBlock(boolean fullTransactions);

    CommitCertificate certificate(long height);

    Hash sendRawTransaction(byte[] raw);
}
