package io.tally.node.consensus;

import io.tally.consensus.Action;
import io.tally.consensus.Evidence;
import io.tally.consensus.PbftConfig;
import io.tally.consensus.PbftReplica;
import io.tally.consensus.driver.ConsensusDriver;
import io.tally.consensus.driver.NodeHooks;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Signer;
import io.tally.genesis.ConsensusParams;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.chain.Head;
import io.tally.ledger.exec.BlockValidator;
import io.tally.ledger.exec.InvalidBlockException;
import io.tally.ledger.exec.SignatureCheck;
import io.tally.ledger.store.KvStore;
import io.tally.ledger.tx.Transaction;
import io.tally.mempool.Mempool;
import io.tally.mempool.NonceLookup;
import io.tally.node.NodeSettings;
import io.tally.node.ledger.BlockSignatures;
import io.tally.node.ledger.CommitPipeline;
import io.tally.node.net.NetworkComponent;
import io.tally.node.net.ValidatorTransport;
import io.tally.node.sync.BlockSync;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this validator's PBFT replica: its driver thread, the LevelDB vote log, and the ports that
 * connect it to the mempool (proposals), the ledger (validation, commits), p2p (messages) and
 * block sync. Observers (keys outside the validator set) do not run it.
 */
public final class ConsensusComponent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("consensus");
    private static final int QUEUE_CAPACITY = 10_000;

    private final ChainStore chain;
    private final CommitPipeline pipeline;
    private final Mempool mempool;
    private final BlockSignatures signatures;
    private final NonceLookup nonces;
    private final ConsensusParams params;
    private final PublicKey proposer;
    private final ConsensusDriver driver;
    private final AtomicBoolean pendingSignalled = new AtomicBoolean();
    private final ProposalPacer pacer;

    private ConsensusComponent(NodeSettings s, ChainStore chain, KvStore store, CommitPipeline pipeline, Mempool mempool,
            NetworkComponent network, BlockSync sync) throws IOException {
        this.chain = chain;
        this.pipeline = pipeline;
        this.mempool = mempool;
        this.signatures = new BlockSignatures(mempool.signatureCache());
        this.nonces = a -> chain.account(a).nonce();
        this.params = s.consensus();
        this.proposer = s.key().publicKey();
        this.pacer = new ProposalPacer(s.minBlockIntervalMillis());
        PbftConfig config = new PbftConfig(s.chainId(), params.viewTimeoutMillisBase(), params.viewTimeoutMaxMultiplier(),
            Math.max(200, Math.min(1_000, params.viewTimeoutMillisBase() / 2)), params.heartbeatMillis(),
            params.maxBlockTransactions(), Math.max(params.maxBlockBytes() * 2, 1 << 20), 4, 32, 64);
        LevelDbVoteStore votes = new LevelDbVoteStore(store);
        Head head = chain.head();
        PbftReplica replica = new PbftReplica(config, chain.validators(), Signer.of(s.key()), head.header(),
            chain.certificate(head.height()), votes.load());
        NodeHooks hooks = new NodeHooks() {
            @Override
            public void requestSync(long targetHeight, List<Integer> hintPeers) {
                sync.requestSync(targetHeight);
            }

            @Override
            public void reportEvidence(Evidence evidence) {
                EvidenceRecorder.record(chain, evidence);
            }
        };
        // The driver only calls these ports after start(), when this object is fully built.
        this.driver = new ConsensusDriver(replica, votes, new ValidatorTransport(network, replica.index()),
            this::buildProposal, this::validateProposal, this::commit, hooks, Clock.systemUTC(), QUEUE_CAPACITY);
    }

    public static ConsensusComponent start(NodeSettings s, ChainStore chain, KvStore store, CommitPipeline pipeline,
            Mempool mempool, NetworkComponent network, BlockSync sync) throws IOException {
        ConsensusComponent c = new ConsensusComponent(s, chain, store, pipeline, mempool, network, sync);
        network.host().registerHandler(network.consensusProtocol(), (from, bytes) -> {
            if (network.validatorIndex(from).isEmpty()) {
                throw new IllegalArgumentException("consensus messages are accepted from validators only");
            }
            c.driver.onPeerMessage(bytes);
            return new byte[0];
        });
        // Only a transaction at its sender's committed nonce makes a proposal non-empty; one behind a
        // nonce gap must not make the primary propose (empty) blocks.
        mempool.addListener((tx, source) -> {
            if (tx.nonce() == c.nonces.nonceOf(tx.senderAddress())) {
                c.signalPending();
            }
        });
        c.driver.start();
        if (mempool.hasExecutable(c.nonces)) {
            c.signalPending();
        }
        LOG.info("consensus started: validator {} of {}, height {}, view timeout {} ms (cap x{}), min block interval {} ms",
            chain.validators().indexOf(c.proposer), chain.validators().size(), chain.head().height() + 1,
            c.params.viewTimeoutMillisBase(), c.params.viewTimeoutMaxMultiplier(), s.minBlockIntervalMillis());
        return c;
    }

    /** ProposalBuilder port: a block from the mempool on the current head (on the driver's worker). */
    private Block buildProposal(Action.BuildProposal request) {
        pacer.awaitTurn(() -> mempool.size() >= params.maxBlockTransactions());
        Head h = chain.head();
        if (!h.hash().equals(request.parentHash())) {
            // Block sync committed blocks after the replica asked, and its ChainAdvanced is not
            // queued yet. Throwing here would halt consensus (and exit the node); instead queue the
            // advance first: the replica moves to the new height and drops this now stale proposal,
            // built below on the current head and never signed.
            LOG.debug("proposal for height {} is stale: the head moved to {}", request.height(), h.height());
            chainAdvanced();
        }
        List<Transaction> candidates = mempool.reap(params.maxBlockTransactions(), params.maxBlockBytes(), nonces);
        BlockValidator.Proposal p = pipeline.validator().propose(h.header(), proposer, request.timestampMillis(),
            candidates, chain.stateReader(), chain.nodeReader());
        pipeline.remember(p.block(), p.result());
        LOG.debug("proposed height={} view={} txs={}", request.height(), request.view(), p.block().transactions().size());
        return p.block();
    }

    /** ProposalValidator port: executes a proposal on the head without committing it. */
    private boolean validateProposal(Block block) {
        if (block.height() <= chain.head().height()) {
            return false; // already committed here (block sync was faster): stale, not suspicious
        }
        try {
            signatures.verify(block);
            pipeline.validate(block, SignatureCheck.ALREADY_VERIFIED);
            return true;
        } catch (InvalidBlockException e) {
            if (block.height() <= chain.head().height()) {
                // Committed from the other validators' votes while this node was still validating.
                LOG.debug("proposal for height {} became stale during validation", block.height());
                return false;
            }
            LOG.warn("rejected proposal height={} hash={}: {}", block.height(),
                block.hash().toHex().substring(0, 16), e.getMessage());
            return false;
        }
    }

    /** CommitSink port: returns whether executable transactions remain for the next height. */
    private boolean commit(Block block, CommitCertificate certificate) throws Exception {
        signatures.verify(block);
        pipeline.commit(block, certificate, SignatureCheck.ALREADY_VERIFIED);
        pacer.committed();
        pendingSignalled.set(false);
        return mempool.hasExecutable(nonces);
    }

    /** Tells the replica once per height that transactions are waiting (not once per transaction). */
    private void signalPending() {
        if (pendingSignalled.compareAndSet(false, true)) {
            driver.transactionsPending();
        }
    }

    /** After block sync applied blocks (or the head moved under a proposal request). */
    public void chainAdvanced() {
        Head h = chain.head();
        chain.certificate(h.height()).ifPresent(c -> {
            pendingSignalled.set(false);
            driver.chainAdvanced(h.header(), c, mempool.hasExecutable(nonces));
        });
    }

    public ConsensusDriver.Status status() {
        return driver.status();
    }

    public Throwable failure() {
        return driver.failure();
    }

    @Override
    public void close() throws InterruptedException {
        driver.close();
    }
}
