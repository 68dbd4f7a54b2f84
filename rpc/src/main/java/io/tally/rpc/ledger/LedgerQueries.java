package io.tally.rpc.ledger;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.chain.ProvenState;
import io.tally.ledger.chain.TxLookup;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.StateKey;
import io.tally.rpc.json.Receipt;
import io.tally.rpc.json.StateProofData;
import io.tally.rpc.port.ChainQuery;
import io.tally.rpc.port.CommittedTx;
import io.tally.rpc.port.Evidence;
import io.tally.rpc.port.EvidenceQuery;
import io.tally.rpc.port.StateQuery;
import io.tally.rpc.port.TxQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ChainQuery}, {@link TxQuery}, {@link StateQuery} and {@link EvidenceQuery} over a chain store. */
public final class LedgerQueries implements ChainQuery, TxQuery, StateQuery, EvidenceQuery {
    private final ChainStore chain;

    public LedgerQueries(ChainStore chain) {
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    @Override
    public String chainId() {
        return chain.chainId();
    }

    @Override
    public Hash genesisHash() {
        return chain.genesisHash();
    }

    @Override
    public BlockHeader head() {
        return chain.head().header();
    }

    @Override
    public Optional<Block> blockByHeight(long height) {
        return chain.blockByHeight(height);
    }

    @Override
    public Optional<Block> blockByHash(Hash hash) {
        return chain.blockByHash(hash);
    }

    @Override
    public Optional<CommitCertificate> certificate(long height) {
        return chain.certificate(height);
    }

    @Override
    public ValidatorSet validators() {
        return chain.validators();
    }

    @Override
    public Optional<CommittedTx> committed(Hash txHash) {
        Optional<TxLookup> found = chain.transaction(txHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TxLookup t = found.get();
        Receipt r = new Receipt(txHash, t.height(), t.index(), t.receipt().success(), t.receipt().status().name(),
            t.receipt().status().description());
        return Optional.of(new CommittedTx(t.transaction(), t.height(), t.blockHash(), t.index(), r));
    }

    @Override
    public StateQuery.ProvenAccount account(Address address) {
        ProvenState p = chain.proveState(StateKey.account(address));
        AccountState a;
        try {
            a = p.value().isPresent() ? AccountState.decode(p.value().get()) : AccountState.EMPTY;
        } catch (DecodeException e) {
            throw new IllegalStateException("stored account " + address + " does not decode", e);
        }
        return new StateQuery.ProvenAccount(a.balance(), a.nonce(), proofData(p));
    }

    @Override
    public ProvenRecord record(Address owner, byte[] key) {
        ProvenState p = chain.proveState(StateKey.record(owner, key));
        return new ProvenRecord(p.value().orElse(null), proofData(p));
    }

    private static StateProofData proofData(ProvenState p) {
        return new StateProofData(p.height(), p.stateRoot(), p.key().bytes(), p.value().orElse(null), p.proof().encode());
    }

    @Override
    public List<Evidence> evidence(long fromHeight, int limit) {
        ValidatorSet vs = chain.validators();
        List<Evidence> out = new ArrayList<>();
        for (io.tally.ledger.chain.Evidence e : chain.evidence(fromHeight, limit)) {
            out.add(new Evidence(e.height(), "EQUIVOCATION", vs.indexOf(e.validator()), e.validator(), e.bytes()));
        }
        return out;
    }
}
