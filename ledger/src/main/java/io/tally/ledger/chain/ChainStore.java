package io.tally.ledger.chain;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Sha256;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.exec.BlockValidator;
import io.tally.ledger.exec.ExecutionResult;
import io.tally.ledger.exec.Receipt;
import io.tally.ledger.exec.ReceiptStatus;
import io.tally.ledger.exec.StateReader;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.CachingNodeReader;
import io.tally.ledger.state.KvNodeReader;
import io.tally.ledger.state.NodeReader;
import io.tally.ledger.state.SparseMerkleTree;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateProof;
import io.tally.ledger.state.StateWrite;
import io.tally.ledger.state.TreeFlush;
import io.tally.ledger.state.UnflushedNodes;
import io.tally.ledger.state.UpdateResult;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.Durability;
import io.tally.ledger.store.KvEntry;
import io.tally.ledger.store.KvIterator;
import io.tally.ledger.store.KvStore;
import io.tally.ledger.store.StorageException;
import io.tally.ledger.store.StoreSchema;
import io.tally.ledger.store.WriteBatch;
import io.tally.ledger.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The committed chain on a {@link KvStore}. Every block commit is ONE synced write batch holding
 * the block, its certificate, receipts, transaction locations, the flat state changes, the state
 * root by height and the head pointer, so after a crash the store holds either all of a block or
 * none of it. The state tree's nodes are derived from the flat state and written only at tree
 * flushes ({@link TreeFlushPolicy}), spread over the batches of the blocks after the one that
 * starts a flush; each block also records which state keys it changed, and {@link #open} rebuilds
 * the tree from the last completed flush with them (docs/storage.md, "Tree flushes"). The store is
 * bound to one genesis.
 *
 * <p>Thread-safety: {@link #commit} is serialised; reads may run concurrently with it. The caller
 * owns the {@link KvStore} and closes it.
 */
public final class ChainStore implements LedgerReader {
    public static final int MAX_EVIDENCE_BYTES = 64 * 1024;
    public static final int MAX_EVIDENCE_PER_VALIDATOR_AND_HEIGHT = 8;
    public static final int MAX_EVIDENCE_PAGE = 1000;
    /** Tree nodes below the linked upper levels kept in memory (about 100 bytes each with overhead: ~20 MiB). */
    public static final int NODE_CACHE_ENTRIES = 200_000;
    /** Flat state entries (accounts, records) kept in memory. */
    public static final int STATE_CACHE_ENTRIES = 200_000;

    private final KvStore store;
    private final String chainId;
    private final Hash genesisHash;
    private final ValidatorSet validators;
    private final TreeFlushPolicy flushPolicy;
    private final UnflushedNodes unflushed = new UnflushedNodes();
    private final CachingNodeReader nodes;
    private final CachingStateReader state;
    private volatile Head head;
    /** The height of the last tree flush; written only by {@link #commit}. */
    private long flushedHeight;

    private ChainStore(KvStore store, String chainId, Hash genesisHash, ValidatorSet validators, Head head,
            TreeFlushPolicy flushPolicy, long flushedHeight) {
        this.store = store;
        this.chainId = chainId;
        this.genesisHash = genesisHash;
        this.validators = validators;
        this.flushPolicy = flushPolicy;
        this.nodes = new CachingNodeReader(new KvNodeReader(store), NODE_CACHE_ENTRIES, unflushed);
        this.state = new CachingStateReader(new KvStateReader(store), STATE_CACHE_ENTRIES);
        this.head = head;
        this.flushedHeight = flushedHeight;
    }

    /**
     * Opens the chain in {@code store}, writing block 0 first if the store is empty. Idempotent:
     * a store already initialised with the same genesis is simply opened.
     *
     * @throws StorageException if the store belongs to another genesis or another schema version
     */
    public static ChainStore initGenesis(KvStore store, GenesisState genesis) {
        return initGenesis(store, genesis, TreeFlushPolicy.DEFAULT);
    }

    /** {@link #initGenesis(KvStore, GenesisState)} flushing the state tree by {@code flushPolicy}. */
    public static ChainStore initGenesis(KvStore store, GenesisState genesis, TreeFlushPolicy flushPolicy) {
        StoreSchema.checkOrInit(store);
        GenesisState.Built built = genesis.build();
        Hash hash = built.block().hash();
        Optional<byte[]> existing = store.get(Column.META, ChainKeys.GENESIS_HASH);
        if (existing.isPresent()) {
            Hash stored = Hash.of(existing.get());
            if (!stored.equals(hash)) {
                String storedChain = store.get(Column.META, ChainKeys.CHAIN_ID)
                        .map(b -> new String(b, StandardCharsets.US_ASCII)).orElse("?");
                throw new StorageException("this data directory belongs to chain '" + storedChain + "' with genesis "
                        + stored + ", but the genesis given describes chain '" + genesis.chainId() + "' with genesis "
                        + hash + "; use the matching genesis file or an empty data directory");
            }
            return open(store, flushPolicy);
        }
        Block block = built.block();
        try (WriteBatch b = store.newBatch()) {
            b.put(Column.META, ChainKeys.CHAIN_ID, genesis.chainId().getBytes(StandardCharsets.US_ASCII));
            b.put(Column.META, ChainKeys.VALIDATORS, encodeValidators(genesis.validators()));
            b.put(Column.META, ChainKeys.GENESIS_HASH, hash.bytes());
            b.put(Column.BLOCK_BY_HEIGHT, ChainKeys.height(0), block.encode());
            b.put(Column.HEIGHT_BY_HASH, hash.bytes(), ChainKeys.height(0));
            writeFlatState(b, genesis.stateWrites(), built.state().root(), 0);
            built.state().writeTo(b);
            b.put(Column.META, ChainKeys.TREE_FLUSHED, ChainKeys.height(0));
            b.put(Column.META, ChainKeys.HEAD, ChainKeys.head(0, hash));
            b.commit(Durability.SYNCED);
        }
        return open(store, flushPolicy);
    }

    /**
     * Opens an initialised chain.
     *
     * @throws StorageException if the store has no genesis or is malformed
     */
    public static ChainStore open(KvStore store) {
        return open(store, TreeFlushPolicy.DEFAULT);
    }

    /**
     * {@link #open(KvStore)} flushing the state tree by {@code flushPolicy}. Rebuilds the tree of
     * the blocks since the last flush in memory; upgrades a schema-2 store in place.
     */
    public static ChainStore open(KvStore store, TreeFlushPolicy flushPolicy) {
        int schema = StoreSchema.checkOrInit(store);
        byte[] genesis = store.get(Column.META, ChainKeys.GENESIS_HASH).orElseThrow(() ->
                new StorageException("the data directory has no chain yet; initialise it from a genesis file"));
        String chainId = new String(store.get(Column.META, ChainKeys.CHAIN_ID)
                .orElseThrow(() -> missing("chain id")), StandardCharsets.US_ASCII);
        ValidatorSet validators = decodeValidators(store.get(Column.META, ChainKeys.VALIDATORS)
                .orElseThrow(() -> missing("validator set")));
        byte[] headBytes = store.get(Column.META, ChainKeys.HEAD).orElseThrow(() -> missing("head pointer"));
        long height;
        Hash hash;
        try {
            ByteReader r = new ByteReader(headBytes);
            height = r.u63("head height");
            hash = Hash.of(r.raw(Hash.LENGTH, "head hash"));
            r.finish("head");
        } catch (DecodeException e) {
            throw ChainKeys.corrupt("head pointer", e);
        }
        Block block = readBlock(store, height).orElseThrow(() -> missing("head block"));
        if (!block.hash().equals(hash)) {
            throw new StorageException("the head pointer names block " + hash + " but block " + height + " is "
                    + block.hash() + "; the data directory is corrupt");
        }
        // Schema 2 wrote every block's tree with the block: all of them are flushed.
        long flushed = schema == 2 ? height : ChainKeys.decodeHeight(store.get(Column.META, ChainKeys.TREE_FLUSHED)
                .orElseThrow(() -> missing("tree flush height")));
        if (flushed > height) {
            throw new StorageException("the state tree is flushed at block " + flushed + " but the head is block "
                    + height + "; the data directory is corrupt");
        }
        if (schema != StoreSchema.VERSION) {
            // Schema 3 stored a receipt for every transaction; 4 reads them as they are.
            try (WriteBatch b = store.newBatch()) {
                if (schema == 2) {
                    b.put(Column.META, ChainKeys.TREE_FLUSHED, ChainKeys.height(height));
                }
                StoreSchema.stamp(b);
                b.commit(Durability.SYNCED);
            }
        }
        ChainStore chain = new ChainStore(store, chainId, Hash.of(genesis), validators,
                new Head(height, hash, block.header()), flushPolicy, flushed);
        chain.rebuildTree();
        return chain;
    }

    /**
     * Rebuilds in memory the tree of the head from the last flushed tree and the keys the blocks
     * since changed, at their values in the flat state (which is the head's), and checks the root
     * against the head's header.
     */
    private void rebuildTree() {
        Head h = head;
        if (flushedHeight == h.height()) {
            return;
        }
        Set<StateKey> keys = new HashSet<>();
        for (long x = flushedHeight + 1; x <= h.height(); x++) {
            long at = x;
            byte[] record = store.get(Column.STATE_CHANGES, ChainKeys.height(x))
                    .orElseThrow(() -> missing("list of state keys changed by block " + at));
            keys.addAll(ChainKeys.decodeChangedKeys(x, record));
        }
        List<StateWrite> writes = new ArrayList<>(keys.size());
        for (StateKey k : keys) {
            writes.add(store.get(Column.STATE, k.bytes()).map(v -> StateWrite.put(k, v)).orElseGet(() -> StateWrite.delete(k)));
        }
        Hash flushedRoot = stateRoot(flushedHeight).orElseThrow(() -> missing("state root of block " + flushedHeight));
        UpdateResult r = new SparseMerkleTree(nodes).update(flushedRoot, flushedHeight, writes, h.height());
        if (!r.root().equals(h.header().stateRoot())) {
            throw new StorageException("the state tree rebuilt from block " + flushedHeight + " with the changes of blocks "
                    + (flushedHeight + 1) + ".." + h.height() + " has root " + r.root() + " but block " + h.height()
                    + " has state root " + h.header().stateRoot() + "; the data directory is corrupt");
        }
        unflushed.advance(r);
        nodes.advance(r);
    }

    private static StorageException missing(String what) {
        return new StorageException("the " + what + " is missing from the data directory; it is corrupt");
    }

    // ---------------------------------------------------------------- writing

    /**
     * Commits the next block with its certificate and the execution computed on the current head
     * (by {@link BlockValidator#validate} or {@link BlockValidator#propose}), in one synced batch.
     *
     * @throws InvalidCertificateException if the certificate is not a quorum for this block
     * @throws IllegalArgumentException if the block does not extend the head or {@code result} is not its execution on the head
     */
    public synchronized void commit(Block block, CommitCertificate certificate, ExecutionResult result)
            throws InvalidCertificateException {
        Head h = head;
        BlockHeader header = block.header();
        Hash hash = block.hash();
        if (header.height() != h.height() + 1 || !header.previousHash().equals(h.hash())) {
            throw new IllegalArgumentException("block " + header.height() + " " + hash + " does not extend the head "
                    + h.height() + " " + h.hash());
        }
        if (!result.preStateRoot().equals(h.header().stateRoot()) || !result.stateRoot().equals(header.stateRoot())
                || !result.txRoot().equals(header.txRoot()) || result.receipts().size() != block.transactions().size()
                || result.stateUpdate().version() != header.height()) {
            throw new IllegalArgumentException("the execution result does not belong to block " + header.height()
                    + " on the current head");
        }
        certificate.verifyFor(chainId, validators, header.height(), hash);

        long height = header.height();
        UpdateResult update = result.stateUpdate();
        TreeFlush flush = unflushed.flushInProgress();
        if (flush == null && flushPolicy.due(unflushed.size() + update.unlinkedNodes().size(), height - flushedHeight)) {
            flush = unflushed.startFlush(update, flushedHeight);
        }
        boolean flushDone = false;
        try (WriteBatch b = store.newBatch()) {
            b.put(Column.BLOCK_BY_HEIGHT, ChainKeys.height(height), block.encode());
            b.put(Column.CERT_BY_HEIGHT, ChainKeys.height(height), certificate.encode());
            b.put(Column.HEIGHT_BY_HASH, hash.bytes(), ChainKeys.height(height));
            List<Transaction> txs = block.transactions();
            for (int i = 0; i < txs.size(); i++) {
                byte[] loc = ChainKeys.location(height, i);
                b.put(Column.TX_LOCATION, txs.get(i).hash().bytes(), loc);
                Receipt receipt = result.receipts().get(i);
                if (!receipt.success()) {
                    // Only failures: a row per transaction was a quarter of the keys compactions rewrote.
                    b.put(Column.RECEIPT, loc, receipt.encode());
                }
            }
            writeFlatState(b, result.stateWrites(), update.root(), height);
            if (flush != null) {
                flushDone = flush.writeNext(b, flushPolicy.perBlock(flush.estimatedSize()));
                if (flushDone) {
                    // The flushed tree and everything it uses are in the store with this batch: the
                    // changed keys up to its block are no longer needed for a rebuild.
                    for (long x = flushedHeight + 1; x <= flush.height(); x++) {
                        b.delete(Column.STATE_CHANGES, ChainKeys.height(x));
                    }
                    b.put(Column.META, ChainKeys.TREE_FLUSHED, ChainKeys.height(flush.height()));
                }
            }
            if (!(flushDone && flush.height() == height)) {
                b.put(Column.STATE_CHANGES, ChainKeys.height(height), ChainKeys.changedKeys(result.stateWrites()));
            }
            b.put(Column.META, ChainKeys.HEAD, ChainKeys.head(height, hash));
            b.commit(Durability.SYNCED);
        }
        unflushed.advance(update);
        if (flushDone) {
            unflushed.flushed(flush);
            flushedHeight = flush.height();
        }
        nodes.advance(update);
        state.apply(result.stateWrites());
        head = new Head(height, hash, header);
    }

    private static void writeFlatState(WriteBatch b, List<StateWrite> writes, Hash root, long height) {
        for (StateWrite w : writes) {
            if (w.isDelete()) {
                b.delete(Column.STATE, w.key().bytes());
            } else {
                b.put(Column.STATE, w.key().bytes(), w.value());
            }
        }
        b.put(Column.STATE_ROOT, ChainKeys.height(height), root.bytes());
    }

    /**
     * Stores equivocation evidence in its own synced batch. Identical evidence is stored once.
     *
     * @return false if refused: too large, or the (height, validator) slot already holds the maximum
     */
    public boolean putEvidence(long height, PublicKey validator, byte[] evidence) {
        if (height < 0 || evidence == null || evidence.length > MAX_EVIDENCE_BYTES) {
            return false;
        }
        byte[] prefix = new ByteWriter(40).u63(height).raw(validator.bytes()).toByteArray();
        int count = 0;
        try (KvIterator it = store.iteratePrefix(Column.EVIDENCE, prefix)) {
            while (it.hasNext() && count < MAX_EVIDENCE_PER_VALIDATOR_AND_HEIGHT) {
                it.next();
                count++;
            }
        }
        byte[] key = new ByteWriter(72).raw(prefix).raw(Sha256.hash(evidence).bytes()).toByteArray();
        if (store.get(Column.EVIDENCE, key).isPresent()) {
            return true;
        }
        if (count >= MAX_EVIDENCE_PER_VALIDATOR_AND_HEIGHT) {
            return false;
        }
        try (WriteBatch b = store.newBatch()) {
            b.put(Column.EVIDENCE, key, evidence).commit(Durability.SYNCED);
        }
        return true;
    }

    // ---------------------------------------------------------------- execution wiring

    /** The flat head state, for execution. */
    public StateReader stateReader() {
        return state;
    }

    /** The committed state tree (the head's and, until the next tree flush, recent ones), for execution. */
    public NodeReader nodeReader() {
        return nodes;
    }

    /** A validator/proposer for blocks on this chain. */
    public BlockValidator newValidator(int maxTransactionsPerBlock) {
        return new BlockValidator(chainId, validators, maxTransactionsPerBlock);
    }

    // ---------------------------------------------------------------- reading

    @Override
    public String chainId() {
        return chainId;
    }

    @Override
    public Hash genesisHash() {
        return genesisHash;
    }

    @Override
    public ValidatorSet validators() {
        return validators;
    }

    @Override
    public Head head() {
        return head;
    }

    @Override
    public Optional<Block> blockByHeight(long height) {
        return height < 0 ? Optional.empty() : readBlock(store, height);
    }

    @Override
    public Optional<Block> blockByHash(Hash hash) {
        return store.get(Column.HEIGHT_BY_HASH, hash.bytes()).map(ChainKeys::decodeHeight).flatMap(this::blockByHeight);
    }

    private static Optional<Block> readBlock(KvStore store, long height) {
        return store.get(Column.BLOCK_BY_HEIGHT, ChainKeys.height(height)).map(bytes -> {
            try {
                return Block.decode(bytes);
            } catch (DecodeException e) {
                throw ChainKeys.corrupt("block " + height, e);
            }
        });
    }

    @Override
    public Optional<CommitCertificate> certificate(long height) {
        if (height < 0) {
            return Optional.empty();
        }
        return store.get(Column.CERT_BY_HEIGHT, ChainKeys.height(height)).map(bytes -> {
            try {
                return CommitCertificate.decode(bytes);
            } catch (DecodeException e) {
                throw ChainKeys.corrupt("certificate " + height, e);
            }
        });
    }

    @Override
    public List<Receipt> receipts(long height) {
        List<Receipt> out = new ArrayList<>();
        Optional<Block> block = blockByHeight(height);
        if (block.isEmpty()) {
            return out;
        }
        for (Transaction tx : block.get().transactions()) {
            out.add(successful(tx));
        }
        // the stored rows are the failures (and, in a store from schema 3, every receipt)
        try (KvIterator it = store.iteratePrefix(Column.RECEIPT, ChainKeys.height(height))) {
            while (it.hasNext()) {
                KvEntry e = it.next();
                long index = ChainKeys.decodeLocation(e.key()).index();
                if (index >= out.size()) {
                    throw missing("transaction " + index + " of block " + height + " (it has a receipt)");
                }
                out.set((int) index, decodeReceipt(e.value()));
            }
        }
        return out;
    }

    private static Receipt successful(Transaction tx) {
        return new Receipt(tx.hash(), ReceiptStatus.SUCCESS);
    }

    private static Receipt decodeReceipt(byte[] bytes) {
        try {
            return Receipt.decode(bytes);
        } catch (DecodeException e) {
            throw ChainKeys.corrupt("receipt", e);
        }
    }

    @Override
    public Optional<TxLookup> transaction(Hash txHash) {
        Optional<byte[]> loc = store.get(Column.TX_LOCATION, txHash.bytes());
        if (loc.isEmpty()) {
            return Optional.empty();
        }
        ChainKeys.Location at = ChainKeys.decodeLocation(loc.get());
        long height = at.height();
        Block block = blockByHeight(height).orElseThrow(() -> missing("block " + height));
        if (at.index() >= block.transactions().size()) {
            throw missing("transaction " + txHash + " in block " + height);
        }
        int index = (int) at.index();
        Transaction tx = block.transactions().get(index);
        Receipt receipt = store.get(Column.RECEIPT, loc.get()).map(ChainStore::decodeReceipt).orElseGet(() -> successful(tx));
        return Optional.of(new TxLookup(tx, receipt, height, index, block.hash()));
    }

    @Override
    public AccountState account(Address address) {
        return state.get(StateKey.account(address)).map(bytes -> {
            try {
                return AccountState.decode(bytes);
            } catch (DecodeException e) {
                throw ChainKeys.corrupt("account " + address, e);
            }
        }).orElse(AccountState.EMPTY);
    }

    @Override
    public Optional<byte[]> record(Address owner, byte[] recordKey) {
        return state.get(StateKey.record(owner, recordKey));
    }

    /** The state root after block {@code height}, if committed. */
    public Optional<Hash> stateRoot(long height) {
        if (height < 0) {
            return Optional.empty();
        }
        return store.get(Column.STATE_ROOT, ChainKeys.height(height)).map(Hash::of);
    }

    @Override
    public ProvenState proveState(StateKey key) {
        for (int attempt = 1; ; attempt++) {
            Head h = head;
            try {
                Hash root = h.header().stateRoot();
                SparseMerkleTree tree = new SparseMerkleTree(nodes);
                StateProof proof = tree.prove(root, h.height(), key);
                return new ProvenState(h.height(), root, key, tree.get(root, h.height(), key), proof);
            } catch (StorageException e) {
                // A proof that fell several blocks behind the head (a long pause) may find the nodes
                // it needs replaced and dropped (UnflushedNodes.RETIRED_BLOCKS): prove at the new head.
                if (attempt == 3 || head.height() == h.height()) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<Evidence> evidence(long fromHeight, int limit) {
        List<Evidence> out = new ArrayList<>();
        int max = Math.min(Math.max(limit, 0), MAX_EVIDENCE_PAGE);
        try (KvIterator it = store.iterate(Column.EVIDENCE, ChainKeys.height(Math.max(0, fromHeight)), null)) {
            while (it.hasNext() && out.size() < max) {
                KvEntry e = it.next();
                byte[] k = e.key();
                long height = ChainKeys.decodeHeight(Arrays.copyOfRange(k, 0, 8));
                PublicKey validator = PublicKey.of(Arrays.copyOfRange(k, 8, 8 + PublicKey.LENGTH));
                out.add(new Evidence(height, validator, e.value()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- encodings

    private static byte[] encodeValidators(ValidatorSet set) {
        ByteWriter w = new ByteWriter(2 + 32 * set.size());
        w.u16(set.size());
        for (PublicKey k : set.validators()) {
            w.raw(k.bytes());
        }
        return w.toByteArray();
    }

    private static ValidatorSet decodeValidators(byte[] bytes) {
        try {
            ByteReader r = new ByteReader(bytes);
            int n = r.u16("validator count");
            List<PublicKey> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                keys.add(PublicKey.of(r.raw(PublicKey.LENGTH, "validator key")));
            }
            r.finish("validator set");
            return new ValidatorSet(keys);
        } catch (DecodeException | IllegalArgumentException e) {
            throw ChainKeys.corrupt("validator set", e);
        }
    }
}
