package io.tally.consensus;

import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Signature;
import io.tally.crypto.Signer;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.CommitSignature;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.codec.DecodeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One PBFT replica for a chain, as a pure state machine: {@link #step(Event)} is the only mutator
 * and returns the actions to apply. No threads, clocks, I/O or randomness: the same construction
 * and the same events give the same actions. Not thread-safe; the driver owns it.
 *
 * <p>The sequence number is the block height and exactly one height is in flight: the one above
 * the chain head. Views restart at 0 for every height; the primary of (height, view) is
 * {@code (p + view) mod n}, where p is the proposer of the head block, so a primary that keeps
 * producing blocks keeps the role and a crashed one costs one view change, not one per block.
 * See docs/consensus.md for the protocol and its safety argument.
 */
public final class PbftReplica {
    private final PbftConfig config;
    private final ValidatorSet validators;
    private final Signer signer;
    private final int self;
    private final int n;
    private final int quorum;
    private final int weakQuorum;
    private final ProposalRules rules;

    private final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    private long refusedVotes;

    private BlockHeader head;
    private Hash headHash;
    private long height;
    private long view;
    private boolean viewChanging;
    private boolean awaitingApply;
    private boolean started;
    private boolean txPending;
    // A TransactionsPending that arrives between CommitBlock and its ChainAdvanced describes the
    // mempool after that commit; ChainAdvanced's own flag may have been computed just before it,
    // so the two are OR-ed rather than the later overwriting the earlier (a lost signal left the
    // primary idle until the backups changed view).
    private boolean pendingDuringApply;
    private boolean heartbeatDue;
    private boolean pending;
    private long nowMillis;

    private long tokens;
    private long viewTimerToken = -1;
    private long retransmitToken = -1;
    private long heartbeatToken = -1;

    private final VoteLog own = new VoteLog();
    private PreparedCertificate highestPrepared;
    private final TreeMap<Long, PrePrepare> acceptedPrePrepare = new TreeMap<>();
    private final TreeMap<Hash, Block> knownBlocks = new TreeMap<>();
    private final TreeMap<Hash, Boolean> validated = new TreeMap<>();
    private final TreeSet<Hash> validationRequested = new TreeSet<>();
    private final VoteTally prepares = new VoteTally();
    private final VoteTally commits = new VoteTally();
    private final TreeMap<Long, TreeMap<Integer, SignedMessage>> viewChanges = new TreeMap<>();
    private final TreeMap<SeenKey, SignedMessage> firstSeen = new TreeMap<>();
    private final TreeSet<SeenKey> evidenceReported = new TreeSet<>();
    private long proposalRequestedView = -1;
    private long syncAskedAt = -1;
    private CommitCertificate headCertificate;
    private final long[] lastRelayMillis;
    private final long[] maxHeightSeen;
    private final FutureBuffer future;

    private final ArrayDeque<SignedMessage> local = new ArrayDeque<>();
    private List<Action> out;

    private record SeenKey(int sender, MessageKind kind, long view) implements Comparable<SeenKey> {
        @Override
        public int compareTo(SeenKey o) {
            int c = Integer.compare(sender, o.sender);
            if (c == 0) {
                c = kind.compareTo(o.kind);
            }
            return c != 0 ? c : Long.compare(view, o.view);
        }
    }

    /**
     * A replica on top of {@code head}, restoring its own votes from {@code persisted} (empty for a
     * fresh validator). Corrupt records are a storage failure and stop the replica here.
     */
    public PbftReplica(PbftConfig config, ValidatorSet validators, Signer signer, BlockHeader head,
            List<PersistedRecord> persisted) {
        this(config, validators, signer, head, Optional.empty(), persisted);
    }

    /**
     * As above, with the head's commit certificate (absent for genesis), which the replica relays
     * to validators still working on the head's height.
     */
    public PbftReplica(PbftConfig config, ValidatorSet validators, Signer signer, BlockHeader head,
            Optional<CommitCertificate> headCertificate, List<PersistedRecord> persisted) {
        this.config = config;
        this.validators = validators;
        this.signer = signer;
        this.self = validators.indexOf(signer.publicKey());
        if (self < 0) {
            throw new IllegalArgumentException("the signer is not in the validator set");
        }
        this.n = validators.size();
        this.quorum = validators.quorum();
        this.weakQuorum = validators.weakQuorum();
        this.rules = new ProposalRules(config, validators);
        this.maxHeightSeen = new long[n];
        this.lastRelayMillis = new long[n];
        java.util.Arrays.fill(lastRelayMillis, Long.MIN_VALUE / 2);
        this.future = new FutureBuffer(n, config.futureBufferPerSender());
        setHead(head);
        headCertificate.ifPresent(c -> {
            if (c.height() != head.height() || !c.blockHash().equals(headHash)) {
                throw new IllegalArgumentException("the certificate is not for the head block");
            }
        });
        this.headCertificate = headCertificate.orElse(null);
        restore(persisted);
    }

    // ---------------------------------------------------------------- public surface

    public List<Action> step(Event event) {
        if (!started && !(event instanceof Event.Start)) {
            throw new IllegalStateException("the first event must be Start, got " + event.getClass().getSimpleName());
        }
        out = new ArrayList<>();
        if (event instanceof Event.Start s) {
            onStart(s.nowMillis());
        } else if (event instanceof Event.PeerMessage m) {
            onPeerBytes(m.bytes());
        } else if (event instanceof Event.TimerFired t) {
            onTimer(t);
        } else if (event instanceof Event.TransactionsPending t) {
            advanceTime(t.nowMillis());
            pendingDuringApply |= awaitingApply;
            txPending = true;
            pending = true;
            tryPropose();
        } else if (event instanceof Event.ProposalBuilt p) {
            onProposalBuilt(p);
        } else if (event instanceof Event.BlockValidated v) {
            onValidated(v);
        } else if (event instanceof Event.ChainAdvanced c) {
            onChainAdvanced(c);
        } else {
            throw new IllegalStateException("unknown event " + event);
        }
        drainLocal();
        refreshViewTimer();
        List<Action> result = List.copyOf(out);
        out = null;
        return result;
    }

    public int index() {
        return self;
    }

    public long height() {
        return height;
    }

    public long view() {
        return view;
    }

    public boolean viewChanging() {
        return viewChanging;
    }

    public boolean awaitingApply() {
        return awaitingApply;
    }

    /** The primary of (height, view). */
    public int primary(long h, long v) {
        if (h != height) {
            throw new IllegalArgumentException("the primary is known only for the current height " + height);
        }
        int base = Math.max(0, validators.indexOf(head.proposer()));
        return (int) ((base + v) % n);
    }

    /** Counters of dropped messages by reason (a snapshot). */
    public Map<DropReason, Long> drops() {
        return Collections.unmodifiableMap(new EnumMap<>(drops));
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** How often this replica refused to sign a vote that conflicts with one it already signed. */
    public long refusedVotes() {
        return refusedVotes;
    }

    // ---------------------------------------------------------------- lifecycle

    private void setHead(BlockHeader h) {
        head = h;
        headHash = h.hash();
        height = h.height() + 1;
    }

    private void restore(List<PersistedRecord> records) {
        for (PersistedRecord r : records) {
            if (r.height() < height) {
                continue;
            }
            try {
                if (r.type() == PersistedRecord.Type.OWN_MESSAGE) {
                    SignedMessage m = MessageCodec.decode(r.payload(), Integer.MAX_VALUE, config.maxBlockTransactions());
                    if (m.sender() != self || m.body().height() != r.height()) {
                        throw new IllegalStateException("vote record does not belong to this replica: " + r);
                    }
                    own.put(m);
                } else {
                    PreparedCertificate c = MessageCodec.decodeCertificate(r.payload(), r.height(), Integer.MAX_VALUE,
                        config.maxBlockTransactions());
                    if (c.height() == height && (highestPrepared == null || c.view() > highestPrepared.view())) {
                        highestPrepared = c;
                    }
                }
            } catch (DecodeException e) {
                throw new IllegalStateException("corrupt vote record " + r + ": " + e.getMessage(), e);
            }
        }
        long vc = own.maxViewChange(height);
        long participated = own.maxParticipatedView(height);
        if (vc > participated) {
            view = vc;
            viewChanging = true;
        } else if (participated >= 0) {
            view = participated;
        }
    }

    private void onStart(long now) {
        started = true;
        advanceTime(now);
        retransmitToken = ++tokens;
        out.add(new Action.SetTimer(TimerKind.RETRANSMIT, retransmitToken, config.retransmitIntervalMillis()));
        armHeartbeat();
        if (highestPrepared != null) {
            rememberBlock(highestPrepared.block());
        }
        for (SignedMessage m : own.list(height)) {
            // Re-register what we signed before the crash, then re-send it: never re-sign.
            firstSeen.put(new SeenKey(self, m.body().kind(), m.body().view()), m);
            restoreOwn(m);
            send(m);
            pending = true;
        }
        tryPropose();
    }

    private void restoreOwn(SignedMessage m) {
        ConsensusMessage b = m.body();
        switch (b.kind()) {
            case PRE_PREPARE -> {
                PrePrepare pp = (PrePrepare) b;
                acceptedPrePrepare.put(pp.view(), pp);
                rememberBlock(pp.block());
                requestValidation(pp.block());
            }
            case PREPARE -> prepares.add(b.view(), b.voteDigest(), self, m.signature());
            case COMMIT -> commits.add(b.view(), b.voteDigest(), self, m.signature());
            case VIEW_CHANGE -> viewChanges.computeIfAbsent(b.view(), k -> new TreeMap<>()).put(self, m);
            case NEW_VIEW -> ((NewView) b).prePrepare().ifPresent(p -> {
                firstSeen.put(new SeenKey(self, MessageKind.PRE_PREPARE, p.body().view()), p);
                restoreOwn(p);
            });
            default -> throw new IllegalStateException("unhandled kind " + b.kind());
        }
    }

    private void onChainAdvanced(Event.ChainAdvanced e) {
        BlockHeader h = e.head();
        if (h.height() < height) {
            txPending |= e.transactionsPending();
            return;
        }
        setHead(h);
        headCertificate = e.headCertificate();
        view = 0;
        viewChanging = false;
        awaitingApply = false;
        viewTimerToken = -1;
        highestPrepared = null;
        acceptedPrePrepare.clear();
        knownBlocks.clear();
        validated.clear();
        validationRequested.clear();
        prepares.clear();
        commits.clear();
        viewChanges.clear();
        firstSeen.clear();
        evidenceReported.clear();
        proposalRequestedView = -1;
        txPending = e.transactionsPending() || pendingDuringApply;
        pendingDuringApply = false;
        heartbeatDue = false;
        pending = txPending;
        own.pruneBelow(height);
        out.add(new Action.PruneBelow(height));
        armHeartbeat();
        replayFuture();
        tryPropose();
    }

    private void armHeartbeat() {
        if (config.heartbeatIntervalMillis() > 0) {
            heartbeatToken = ++tokens;
            out.add(new Action.SetTimer(TimerKind.HEARTBEAT, heartbeatToken, config.heartbeatIntervalMillis()));
        }
    }

    private void advanceTime(long now) {
        nowMillis = Math.max(nowMillis, now);
    }

    // ---------------------------------------------------------------- timers

    private void onTimer(Event.TimerFired t) {
        advanceTime(t.nowMillis());
        switch (t.kind()) {
            case VIEW -> {
                if (t.token() != viewTimerToken) {
                    return;
                }
                viewTimerToken = -1;
                if (!awaitingApply) {
                    startViewChange(view + 1);
                }
            }
            case RETRANSMIT -> {
                if (t.token() != retransmitToken) {
                    return;
                }
                retransmitToken = ++tokens;
                out.add(new Action.SetTimer(TimerKind.RETRANSMIT, retransmitToken, config.retransmitIntervalMillis()));
                retransmitOwn();
                checkBehind();
            }
            case HEARTBEAT -> {
                if (t.token() != heartbeatToken) {
                    return;
                }
                heartbeatDue = true;
                pending = true;
                tryPropose();
            }
            default -> throw new IllegalStateException("unknown timer " + t.kind());
        }
    }

    /**
     * The view timer runs while this height is known to be pending in a normal view, and while
     * changing view once a quorum asked for the same view (PBFT: a replica does not race ahead of
     * a quorum). Each state change invalidates the armed timer.
     */
    private void refreshViewTimer() {
        if (viewTimerToken >= 0 || awaitingApply) {
            return;
        }
        boolean arm = viewChanging ? sendersAskingAtLeast(view) >= quorum : pending;
        if (arm) {
            viewTimerToken = ++tokens;
            out.add(new Action.SetTimer(TimerKind.VIEW, viewTimerToken, config.viewTimeoutMillis(view)));
        }
    }

    /**
     * Distinct validators whose view changes ask for {@code v} or higher. Counting "or higher"
     * (not exactly v) lets replicas that skipped views through the f+1 rule still unblock the
     * ones behind them, while nobody escalates until a quorum has left the views below v.
     */
    private int sendersAskingAtLeast(long v) {
        TreeSet<Integer> senders = new TreeSet<>();
        for (TreeMap<Integer, SignedMessage> m : viewChanges.tailMap(v, true).values()) {
            senders.addAll(m.keySet());
        }
        return senders.size();
    }

    private void stateChanged() {
        viewTimerToken = -1;
        viewChanges.headMap(view, false).clear();
        prepares.pruneViewsBelow(view);
        if (firstSeen.size() > 64 * n) {
            firstSeen.entrySet().removeIf(e -> e.getKey().view() + 1 < view);
        }
    }

    private void retransmitOwn() {
        if (!pending && !awaitingApply) {
            return;
        }
        for (SignedMessage m : own.list(height)) {
            ConsensusMessage b = m.body();
            boolean current = b.view() == view;
            if (current || b.kind() == MessageKind.COMMIT) {
                send(m);
            }
        }
    }

    /** f+1 validators are at a higher height, so at least one honest one committed ours: sync. */
    private void checkBehind() {
        if (awaitingApply || n == 1) {
            return;
        }
        List<Long> ahead = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i != self) {
                ahead.add(maxHeightSeen[i]);
            }
        }
        ahead.sort(Collections.reverseOrder());
        if (ahead.size() < weakQuorum) {
            return;
        }
        long atLeast = ahead.get(weakQuorum - 1);
        if (atLeast > height) {
            List<Integer> hints = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i != self && maxHeightSeen[i] >= atLeast) {
                    hints.add(i);
                }
            }
            out.add(new Action.SyncRequest(atLeast - 1, hints));
        }
    }

    // ---------------------------------------------------------------- inbound messages

    private void drop(DropReason reason) {
        drops.merge(reason, 1L, Long::sum);
    }

    private void onPeerBytes(byte[] bytes) {
        if (bytes.length > config.maxMessageBytes()) {
            drop(DropReason.OVERSIZE);
            return;
        }
        SignedMessage m;
        try {
            m = MessageCodec.decode(bytes, config.maxMessageBytes(), config.maxBlockTransactions());
        } catch (DecodeException e) {
            drop(DropReason.MALFORMED);
            return;
        }
        onNetworkMessage(m);
    }

    private void onNetworkMessage(SignedMessage m) {
        int s = m.sender();
        if (s >= n) {
            drop(DropReason.NON_VALIDATOR);
            return;
        }
        if (s == self) {
            drop(DropReason.OWN_SENDER);
            return;
        }
        ConsensusMessage b = m.body();
        if (b.height() < height) {
            relayHeadCertificate(s, b.height());
            drop(DropReason.STALE);
            return;
        }
        if (b.height() > height) {
            boolean ok = noteAhead(m);
            if (!ok) {
                return;
            }
            if (b.height() > height + config.futureHeightWindow()) {
                drop(DropReason.FAR_FUTURE);
            } else if (!future.add(m)) {
                drop(DropReason.BUFFER_FULL);
            }
            return;
        }
        if (b.view() > view + config.futureViewWindow()) {
            drop(DropReason.FAR_FUTURE);
            return;
        }
        if ((b.kind() == MessageKind.PRE_PREPARE || b.kind() == MessageKind.NEW_VIEW) && s != primary(height, b.view())) {
            drop(DropReason.NOT_PRIMARY);
            return;
        }
        switch (b.kind()) {
            case PRE_PREPARE, PREPARE -> {
                if (b.view() < view) {
                    drop(DropReason.STALE);
                    return;
                }
                if (b.view() > view || viewChanging) {
                    if (!future.add(m)) {
                        drop(DropReason.BUFFER_FULL);
                    }
                    return;
                }
            }
            case VIEW_CHANGE, NEW_VIEW -> {
                if (b.view() < view || (b.view() == view && !viewChanging)) {
                    drop(DropReason.STALE);
                    return;
                }
            }
            case COMMIT -> {
                // Commits count in any view: a quorum of them is a certificate whatever our view.
            }
            default -> throw new IllegalStateException("unhandled kind " + b.kind());
        }
        SeenKey key = new SeenKey(s, b.kind(), b.view());
        SignedMessage prior = firstSeen.get(key);
        if (prior != null) {
            if (prior.body().voteDigest().equals(b.voteDigest())) {
                drop(DropReason.DUPLICATE);
            } else if (m.verify(config.chainId(), validators.get(s))) {
                if (evidenceReported.add(key)) {
                    out.add(new Action.ReportEvidence(new Evidence(prior, m)));
                }
                drop(DropReason.EQUIVOCATION);
            } else {
                drop(DropReason.BAD_SIGNATURE);
            }
            return;
        }
        if (!m.verify(config.chainId(), validators.get(s))) {
            drop(DropReason.BAD_SIGNATURE);
            return;
        }
        if (b instanceof ViewChange vc && !rules.viewChangeContentValid(vc)) {
            drop(DropReason.INVALID_JUSTIFICATION);
            return;
        }
        if (b instanceof NewView nv && !rules.newViewValid(s, nv, viewChanges.getOrDefault(nv.view(), new TreeMap<>()))) {
            drop(DropReason.INVALID_JUSTIFICATION);
            return;
        }
        firstSeen.put(key, m);
        dispatch(m);
    }

    /**
     * A validator still working on our head's height missed its commits: relay the commit votes
     * of our certificate to it (they carry their signers' signatures), at most once per
     * retransmit interval per validator. With them it decides, or sees the certificate and syncs.
     */
    private void relayHeadCertificate(int to, long staleHeight) {
        if (headCertificate == null || staleHeight != headCertificate.height()
                || nowMillis - lastRelayMillis[to] < config.retransmitIntervalMillis()) {
            return;
        }
        lastRelayMillis[to] = nowMillis;
        Commit c = new Commit(headCertificate.height(), headCertificate.view(), headCertificate.blockHash());
        for (CommitSignature sig : headCertificate.signatures()) {
            SignedMessage m = new SignedMessage(sig.validatorIndex(), c, sig.signature());
            out.add(new Action.Send(to, m, m.encode()));
        }
    }

    /** Verifies a future-height message when it raises what we know of its sender's height. */
    private boolean noteAhead(SignedMessage m) {
        int s = m.sender();
        if (m.body().height() <= maxHeightSeen[s]) {
            return true;
        }
        if (!m.verify(config.chainId(), validators.get(s))) {
            drop(DropReason.BAD_SIGNATURE);
            return false;
        }
        maxHeightSeen[s] = m.body().height();
        return true;
    }

    private void dispatch(SignedMessage m) {
        ConsensusMessage b = m.body();
        switch (b.kind()) {
            case PRE_PREPARE -> onPrePrepare(m, (PrePrepare) b, false);
            case PREPARE -> onPrepare(m, (Prepare) b);
            case COMMIT -> onCommit(m, (Commit) b);
            case VIEW_CHANGE -> onViewChange(m, (ViewChange) b);
            case NEW_VIEW -> onNewView(m, (NewView) b);
            default -> throw new IllegalStateException("unhandled kind " + b.kind());
        }
    }

    /** Own messages take effect locally without a network round trip or a signature check. */
    private void drainLocal() {
        while (!local.isEmpty()) {
            SignedMessage m = local.poll();
            SeenKey key = new SeenKey(self, m.body().kind(), m.body().view());
            if (firstSeen.containsKey(key) || m.body().height() != height) {
                continue;
            }
            firstSeen.put(key, m);
            dispatch(m);
        }
    }

    // ---------------------------------------------------------------- normal case

    private void tryPropose() {
        if (awaitingApply || viewChanging || primary(height, view) != self || !(txPending || heartbeatDue)) {
            return;
        }
        if (acceptedPrePrepare.containsKey(view) || own.get(height, view, MessageKind.PRE_PREPARE).isPresent()
                || proposalRequestedView == view) {
            return;
        }
        if (view > 0 && own.get(height, view, MessageKind.NEW_VIEW).isEmpty()) {
            return;
        }
        proposalRequestedView = view;
        long timestamp = Math.max(nowMillis, head.timestampMillis() + 1);
        out.add(new Action.BuildProposal(height, view, headHash, timestamp));
    }

    private void onProposalBuilt(Event.ProposalBuilt p) {
        if (p.height() != height || p.view() != view || viewChanging || awaitingApply
                || primary(height, view) != self || acceptedPrePrepare.containsKey(view)) {
            drop(DropReason.WRONG_STATE);
            return;
        }
        if (!rules.extendsHead(p.block(), head, headHash, signer.publicKey())) {
            throw new IllegalStateException("the proposal builder returned a block that does not extend the head"
                + " at height " + height + " with this proposer and a matching tx root");
        }
        validated.put(p.block().hash(), Boolean.TRUE);
        SignedMessage pp = castVote(new PrePrepare(height, view, p.block()));
        if (pp != null) {
            broadcast(pp);
        }
    }

    private void onPrePrepare(SignedMessage m, PrePrepare pp, boolean reproposal) {
        if (acceptedPrePrepare.containsKey(pp.view())) {
            return;
        }
        PublicKey proposer = reproposal ? null : validators.get(m.sender());
        if (!rules.extendsHead(pp.block(), head, headHash, proposer)) {
            drop(DropReason.INVALID_PROPOSAL);
            return;
        }
        acceptedPrePrepare.put(pp.view(), pp);
        rememberBlock(pp.block());
        pending = true;
        requestValidation(pp.block());
        tryPrepare();
        tryCommitVote();
        tryDecide();
    }

    private void requestValidation(Block block) {
        Hash h = block.hash();
        if (validated.containsKey(h) || !validationRequested.add(h)) {
            return;
        }
        out.add(new Action.ValidateProposal(block));
    }

    private void onValidated(Event.BlockValidated v) {
        if (v.height() != height || !validationRequested.contains(v.blockHash())) {
            drop(DropReason.WRONG_STATE);
            return;
        }
        validated.put(v.blockHash(), v.valid());
        if (!v.valid()) {
            drop(DropReason.INVALID_PROPOSAL);
        }
        tryPrepare();
        tryCommitVote();
    }

    private boolean isValid(Hash h) {
        return Boolean.TRUE.equals(validated.get(h));
    }

    private void tryPrepare() {
        if (viewChanging || awaitingApply) {
            return;
        }
        PrePrepare pp = acceptedPrePrepare.get(view);
        if (pp == null || !isValid(pp.block().hash())) {
            return;
        }
        Optional<SignedMessage> mine = own.get(height, view, MessageKind.PREPARE);
        if (mine.isPresent()) {
            if (!mine.get().body().voteDigest().equals(pp.block().hash())) {
                // Restarted after preparing another block in this view: the primary equivocated.
                refusedVotes++;
            }
            return;
        }
        SignedMessage vote = castVote(new Prepare(height, view, pp.block().hash()));
        if (vote != null) {
            broadcast(vote);
        }
    }

    private void onPrepare(SignedMessage m, Prepare p) {
        prepares.add(p.view(), p.blockHash(), m.sender(), m.signature());
        pending = true;
        tryCommitVote();
    }

    /** Prepared = the accepted pre-prepare plus a quorum of matching prepares: persist it, then commit. */
    private void tryCommitVote() {
        if (viewChanging || awaitingApply) {
            return;
        }
        PrePrepare pp = acceptedPrePrepare.get(view);
        if (pp == null || !isValid(pp.block().hash())) {
            return;
        }
        Map<Integer, Signature> votes = prepares.get(view, pp.block().hash());
        if (votes.size() < quorum) {
            return;
        }
        if (highestPrepared == null || highestPrepared.view() < view) {
            List<PreparedCertificate.Vote> proof = new ArrayList<>();
            for (Map.Entry<Integer, Signature> e : votes.entrySet()) {
                if (proof.size() < quorum) {
                    proof.add(new PreparedCertificate.Vote(e.getKey(), e.getValue()));
                }
            }
            highestPrepared = new PreparedCertificate(height, view, pp.block(), proof);
            out.add(new Action.Persist(PersistedRecord.of(highestPrepared)));
        }
        if (own.get(height, view, MessageKind.COMMIT).isPresent()) {
            return;
        }
        SignedMessage vote = castVote(new Commit(height, view, pp.block().hash()));
        if (vote != null) {
            broadcast(vote);
        }
    }

    private void onCommit(SignedMessage m, Commit c) {
        commits.add(c.view(), c.blockHash(), m.sender(), m.signature());
        pending = true;
        tryDecide();
    }

    /** A quorum of commits for one (view, block) in any view is the block's commit certificate. */
    private void tryDecide() {
        if (awaitingApply) {
            return;
        }
        for (Map.Entry<VoteTally.Slot, TreeMap<Integer, Signature>> e : commits.all().entrySet()) {
            if (e.getValue().size() < quorum) {
                continue;
            }
            Hash hash = e.getKey().digest();
            Block block = knownBlocks.get(hash);
            List<Integer> signers = new ArrayList<>(e.getValue().keySet());
            if (block == null) {
                if (syncAskedAt != height) {
                    syncAskedAt = height;
                    out.add(new Action.SyncRequest(height, signers));
                }
                continue;
            }
            List<CommitSignature> sigs = new ArrayList<>();
            for (Map.Entry<Integer, Signature> v : e.getValue().entrySet()) {
                sigs.add(new CommitSignature(v.getKey(), v.getValue()));
            }
            awaitingApply = true;
            viewTimerToken = -1;
            out.add(new Action.CommitBlock(block, new CommitCertificate(height, e.getKey().view(), hash, sigs)));
            return;
        }
    }

    private void rememberBlock(Block b) {
        if (b.height() == height && knownBlocks.size() < 4 * n + 8) {
            knownBlocks.putIfAbsent(b.hash(), b);
        }
    }

    // ---------------------------------------------------------------- view change

    private void startViewChange(long target) {
        if (awaitingApply || target < view || (target == view && viewChanging)) {
            return;
        }
        view = target;
        viewChanging = true;
        pending = true;
        stateChanged();
        SignedMessage vc = castVote(new ViewChange(height, target, Optional.ofNullable(highestPrepared)));
        if (vc != null) {
            broadcast(vc);
        }
        tryNewView(target);
    }

    private void onViewChange(SignedMessage m, ViewChange vc) {
        viewChanges.computeIfAbsent(vc.view(), k -> new TreeMap<>()).put(m.sender(), m);
        vc.prepared().ifPresent(c -> rememberBlock(c.block()));
        pending = true;
        joinIfWeakQuorumAhead();
        tryNewView(vc.view());
    }

    /** PBFT: f+1 replicas asking for views above ours include an honest one, so follow them. */
    private void joinIfWeakQuorumAhead() {
        TreeMap<Integer, Long> highestBySender = new TreeMap<>();
        for (Map.Entry<Long, TreeMap<Integer, SignedMessage>> e : viewChanges.entrySet()) {
            if (e.getKey() > view) {
                for (Integer s : e.getValue().keySet()) {
                    highestBySender.merge(s, e.getKey(), Math::max);
                }
            }
        }
        if (highestBySender.size() < weakQuorum) {
            return;
        }
        List<Long> views = new ArrayList<>(highestBySender.values());
        views.sort(Collections.reverseOrder());
        startViewChange(views.get(weakQuorum - 1));
    }

    private void tryNewView(long w) {
        if (awaitingApply || primary(height, w) != self || w < view || (w == view && !viewChanging)) {
            return;
        }
        TreeMap<Integer, SignedMessage> set = viewChanges.get(w);
        if (set == null || set.size() < quorum) {
            return;
        }
        List<SignedMessage> chosen = new ArrayList<>();
        PreparedCertificate best = null;
        for (SignedMessage vm : set.values()) {
            if (chosen.size() == quorum) {
                break;
            }
            chosen.add(vm);
            Optional<PreparedCertificate> c = ((ViewChange) vm.body()).prepared();
            if (c.isPresent()) {
                best = ProposalRules.higher(best, c.get());
            }
        }
        Optional<SignedMessage> pp = Optional.empty();
        if (best != null) {
            SignedMessage p = castVote(new PrePrepare(height, w, best.block()));
            if (p == null) {
                return;
            }
            pp = Optional.of(p);
        }
        SignedMessage nv = castVote(new NewView(height, w, chosen, pp));
        if (nv != null) {
            broadcast(nv);
        }
    }

    private void onNewView(SignedMessage m, NewView nv) {
        view = nv.view();
        viewChanging = false;
        pending = true;
        stateChanged();
        for (SignedMessage vm : nv.viewChanges()) {
            ((ViewChange) vm.body()).prepared().ifPresent(c -> rememberBlock(c.block()));
        }
        if (nv.prePrepare().isPresent()) {
            SignedMessage p = nv.prePrepare().get();
            SeenKey key = new SeenKey(m.sender(), MessageKind.PRE_PREPARE, nv.view());
            firstSeen.putIfAbsent(key, p);
            PrePrepare body = (PrePrepare) p.body();
            // A re-proposal keeps its original proposer; an unforced one must be the primary's own.
            onPrePrepare(p, body, ProposalRules.isForced(nv));
        }
        replayFuture();
        tryPropose();
        tryPrepare();
        tryCommitVote();
    }

    private void replayFuture() {
        List<SignedMessage> ready = future.take(m -> m.body().height() < height
            || (m.body().height() == height && m.body().view() <= view && !viewChanging));
        for (SignedMessage m : ready) {
            onNetworkMessage(m);
        }
    }

    // ---------------------------------------------------------------- signing

    /**
     * Signs {@code body} unless that would conflict with a vote already signed: the same slot
     * (height, view, kind) returns the stored message, a different digest is refused, and no
     * prepare, commit or pre-prepare is signed for a view this replica already left.
     */
    private SignedMessage castVote(ConsensusMessage body) {
        Optional<SignedMessage> prior = own.get(body.height(), body.view(), body.kind());
        if (prior.isPresent()) {
            if (prior.get().body().voteDigest().equals(body.voteDigest())) {
                return prior.get();
            }
            refusedVotes++;
            return null;
        }
        boolean normalPhase = body.kind() == MessageKind.PRE_PREPARE || body.kind() == MessageKind.PREPARE
            || body.kind() == MessageKind.COMMIT;
        if (normalPhase && own.maxViewChange(body.height()) > body.view()) {
            refusedVotes++;
            return null;
        }
        SignedMessage m = SignedMessage.sign(config.chainId(), self, body, signer);
        own.put(m);
        out.add(new Action.Persist(PersistedRecord.of(m)));
        return m;
    }

    private void broadcast(SignedMessage m) {
        send(m);
        local.add(m);
    }

    private void send(SignedMessage m) {
        if (n > 1) {
            out.add(new Action.Send(Action.Send.BROADCAST, m, m.encode()));
        }
    }
}
