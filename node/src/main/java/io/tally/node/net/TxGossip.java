package io.tally.node.net;

import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import io.tally.mempool.Mempool;
import io.tally.mempool.TxSource;
import io.tally.p2p.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transaction gossip: what the mempool admits from clients is published on the chain's tx topic;
 * what arrives on the topic goes through the same admission as an RPC submission. The topic
 * validator runs on the p2p thread, so it only does the cheap checks (decode, chain id); the
 * signature is checked by the mempool's worker pool.
 */
public final class TxGossip {
    private static final Logger LOG = LoggerFactory.getLogger("gossip");

    private TxGossip() {}

    public static void wire(NetworkComponent network, Mempool mempool, String chainId) {
        String topic = network.txTopic();
        mempool.addListener((tx, source) -> {
            if (source != TxSource.GOSSIP) {
                network.host().publish(topic, tx.encoded()).whenComplete((n, e) -> {
                    if (e != null) {
                        LOG.debug("gossip publish of {} failed: {}", tx.hash(), e.getMessage());
                    }
                });
            }
        });
        network.host().subscribe(topic, message -> {
            try {
                Transaction tx = TransactionCodec.decode(message.data());
                if (!tx.chainId().equals(chainId)) {
                    return Validation.REJECT;
                }
                return mempool.contains(tx.hash()) ? Validation.IGNORE : Validation.ACCEPT;
            } catch (DecodeException e) {
                return Validation.REJECT;
            }
        }, message -> mempool.submit(message.data(), TxSource.GOSSIP));
    }
}
