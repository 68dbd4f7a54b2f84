package io.tally.ledger.chain;

import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.SparseMerkleTree;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateWrite;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.KvEntry;
import io.tally.ledger.store.KvIterator;
import io.tally.ledger.store.KvStore;
import io.tally.ledger.tx.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a store holds exactly a complete chain 0..head and nothing of any later block:
 * every block with its certificate, index entries, receipts and state root; the flat state equal
 * to the state tree at the head; the total supply unchanged. Throws {@link AssertionError}.
 */
public final class ChainIntegrity {
    private ChainIntegrity() {}

    /** @return the head height */
    public static long check(KvStore store, GenesisState genesis) {
        ChainStore chain = ChainStore.open(store);
        Head head = chain.head();
        require(chain.genesisHash().equals(genesis.genesisHash()), "genesis hash");
        Hash previous = Hash.ZERO;
        for (long h = 0; h <= head.height(); h++) {
            Block b = chain.blockByHeight(h).orElseThrow(() -> new AssertionError("missing block"));
            require(b.header().previousHash().equals(previous), "chain link at " + h);
            require(b.checkTxRoot(), "tx root at " + h);
            require(chain.blockByHash(b.hash()).isPresent(), "hash index at " + h);
            require(chain.stateRoot(h).orElseThrow().equals(b.header().stateRoot()), "state root at " + h);
            if (h > 0) {
                require(chain.certificate(h).orElseThrow().blockHash().equals(b.hash()), "certificate at " + h);
            }
            require(chain.receipts(h).size() == b.transactions().size(), "receipts at " + h);
            for (Transaction tx : b.transactions()) {
                require(chain.transaction(tx.hash()).orElseThrow().height() == h, "tx index at " + h);
            }
            previous = b.hash();
        }
        require(previous.equals(head.hash()), "head pointer");
        long next = head.height() + 1;
        require(chain.blockByHeight(next).isEmpty(), "a block after the head");
        require(chain.certificate(next).isEmpty(), "a certificate after the head");
        require(chain.stateRoot(next).isEmpty(), "a state root after the head");
        require(chain.receipts(next).isEmpty(), "receipts after the head");

        List<StateWrite> all = new ArrayList<>();
        long supply = 0;
        try (KvIterator it = store.iterate(Column.STATE, null, null)) {
            while (it.hasNext()) {
                KvEntry e = it.next();
                StateKey k = StateKey.fromBytes(e.key());
                all.add(StateWrite.put(k, e.value()));
                if (k.isAccount()) {
                    supply += AccountState.decode(e.value()).balance();
                }
            }
        } catch (DecodeException e) {
            throw new AssertionError("malformed account", e);
        }
        Hash flatRoot = new SparseMerkleTree((v, h) -> null).update(SparseMerkleTree.EMPTY_ROOT, 0, all, 0).root();
        require(flatRoot.equals(head.header().stateRoot()), "flat state differs from the state root at the head");
        require(supply == genesis.totalSupply(), "total supply " + supply + " != " + genesis.totalSupply());
        return head.height();
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("chain integrity: " + what);
        }
    }
}
