package io.tally.node.ledger;

import io.tally.genesis.Genesis;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.store.LevelDbStore;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the LevelDB ledger under {@code dataDir/ledger} and binds it to the genesis: a fresh
 * directory is initialised with block 0, an existing one must belong to the same genesis.
 */
public final class LedgerComponent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("ledger");

    private final LevelDbStore store;
    private final ChainStore chain;

    private LedgerComponent(LevelDbStore store, ChainStore chain) {
        this.store = store;
        this.chain = chain;
    }

    public static LedgerComponent open(Path dataDir, Genesis genesis) {
        LevelDbStore store = LevelDbStore.open(dataDir.resolve("ledger"));
        for (String note : store.recoveryNotes()) {
            LOG.warn("ledger recovered after an unclean shutdown: {}", note);
        }
        try {
            ChainStore chain = ChainStore.initGenesis(store, genesis.toGenesisState());
            LOG.info("ledger open: chain={} genesis={} head height={} hash={}", chain.chainId(),
                chain.genesisHash().toHex().substring(0, 16), chain.head().height(),
                chain.head().hash().toHex().substring(0, 16));
            LevelDbStore.compactionThreadNice().ifPresentOrElse(
                n -> LOG.info("LevelDB compaction thread runs at nice {}", n),
                () -> LOG.info("LevelDB compaction thread priority unknown (not Linux, or no renice)"));
            return new LedgerComponent(store, chain);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public LevelDbStore store() {
        return store;
    }

    public ChainStore chain() {
        return chain;
    }

    @Override
    public void close() {
        store.close();
    }
}
