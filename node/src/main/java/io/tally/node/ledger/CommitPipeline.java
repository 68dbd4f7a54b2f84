package io.tally.node.ledger;

import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.chain.Head;
import io.tally.ledger.exec.BlockValidator;
import io.tally.ledger.exec.ExecutionResult;
import io.tally.ledger.exec.InvalidBlockException;
import io.tally.ledger.exec.SignatureCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way blocks enter the ledger, from consensus and from block sync alike: execute (or reuse
 * the execution done when the block was validated), commit block + certificate + state in one
 * synced batch, then tell the listeners. Serialised, so the two sources never interleave; a block
 * that is already committed is acknowledged, not committed twice.
 */
public final class CommitPipeline {
    private static final Logger LOG = LoggerFactory.getLogger("commit");
    private static final int MAX_REMEMBERED = 16;

    private final ChainStore chain;
    private final BlockValidator validator;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Hash, ExecutionResult> executed = new LinkedHashMap<>(32, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, ExecutionResult> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    public CommitPipeline(ChainStore chain, BlockValidator validator) {
        this.chain = chain;
        this.validator = validator;
    }

    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    public ChainStore chain() {
        return chain;
    }

    public BlockValidator validator() {
        return validator;
    }

    /** Keeps the execution of a proposal so its commit does not execute it again. */
    public synchronized void remember(Block block, ExecutionResult result) {
        executed.put(block.hash(), result);
    }

    /**
     * Validates {@code block} on the current head without committing it.
     *
     * @throws InvalidBlockException with the reason the block is not acceptable
     */
    public synchronized ExecutionResult validate(Block block, SignatureCheck signatures) throws InvalidBlockException {
        Head head = chain.head();
        ExecutionResult r = validator.validate(head.header(), block, chain.stateReader(), chain.nodeReader(), signatures);
        executed.put(block.hash(), r);
        return r;
    }

    /**
     * Commits the next block.
     *
     * @return false when exactly this block was already committed (by the other source)
     * @throws IllegalStateException if a different block is committed at that height: a fork, which
     *     only more than f Byzantine validators can cause; the node must stop rather than continue
     */
    public synchronized boolean commit(Block block, CommitCertificate certificate, SignatureCheck signatures)
            throws InvalidBlockException, InvalidCertificateException {
        Head head = chain.head();
        long height = block.height();
        if (height <= head.height()) {
            Hash mine = chain.blockByHeight(height).map(Block::hash).orElse(null);
            if (block.hash().equals(mine)) {
                return false;
            }
            throw new IllegalStateException("FORK: height " + height + " is committed as " + mine
                + " but a certificate was presented for " + block.hash());
        }
        if (height != head.height() + 1) {
            throw new IllegalArgumentException("block " + height + " does not extend the head " + head.height());
        }
        ExecutionResult r = executed.remove(block.hash());
        if (r == null || !r.preStateRoot().equals(head.header().stateRoot())) {
            r = validator.validate(head.header(), block, chain.stateReader(), chain.nodeReader(), signatures);
        }
        chain.commit(block, certificate, r);
        executed.clear();
        LOG.info("committed height={} hash={} txs={} view={}", height, block.hash().toHex().substring(0, 16),
            block.transactions().size(), certificate.view());
        for (CommitListener l : listeners) {
            try {
                l.onCommitted(block, certificate, r.receipts());
            } catch (RuntimeException e) {
                LOG.error("commit listener failed at height {}", height, e);
            }
        }
        return true;
    }
}
