package io.tally.wallet.verify;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tally.crypto.PublicKey;
import io.tally.genesis.Genesis;
import io.tally.genesis.GenesisJson;
import io.tally.genesis.InvalidFileException;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.chain.GenesisState;
import io.tally.ledger.block.ValidatorSet;
import io.tally.wallet.WalletException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a {@link TrustAnchor}. A file with a {@code format} field is a genesis.json
 * (docs/genesis.md) and is read by the genesis module's strict reader. Any other file is a
 * validator-set file: a {@code chainId} string and a {@code validators} array whose entries are
 * hex public keys or objects with a {@code publicKey} field, in validator-index order (for example
 * the result of {@code tally_validators} saved with a chain id).
 */
public final class TrustAnchorFile {
    /** A genesis file may carry a large allocation table; 128 MiB matches the genesis reader. */
    static final long MAX_FILE_BYTES = 128L * 1024 * 1024;

    private TrustAnchorFile() {}

    /** A genesis.json, validated by the same reader the node uses; block 0 is computed from it on demand. */
    private static TrustAnchor fromGenesis(Path file) {
        Genesis g;
        try {
            g = GenesisJson.read(file);
        } catch (InvalidFileException e) {
            throw new WalletException("trusted genesis file is invalid: " + e.getMessage());
        }
        GenesisState state = g.toGenesisState();
        Supplier<BlockHeader> genesis = new Supplier<>() {
            private BlockHeader header;

            @Override
            public synchronized BlockHeader get() {
                if (header == null) {
                    header = state.build().block().header();
                }
                return header;
            }
        };
        return new TrustAnchor(g.chainId(), g.validatorSet(), file.toString(), genesis);
    }

    public static TrustAnchor read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new WalletException("trusted file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            ObjectMapper m = new ObjectMapper();
            m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
            root = m.readTree(file.toFile());
        } catch (IOException e) {
            throw new WalletException("cannot read trusted file " + file + ": " + e.getMessage().split("\n")[0]);
        }
        if (root == null || !root.isObject()) {
            throw new WalletException("trusted file " + file + " must be a JSON object");
        }
        if (root.has("format")) {
            return fromGenesis(file);
        }
        JsonNode chain = root.get("chainId");
        if (chain == null || !chain.isTextual()) {
            throw new WalletException("trusted file " + file + " has no chainId string");
        }
        JsonNode vals = root.get("validators");
        if (vals == null || !vals.isArray() || vals.isEmpty() || vals.size() > ValidatorSet.MAX_VALIDATORS) {
            throw new WalletException("trusted file " + file + " needs a validators array of 1.."
                + ValidatorSet.MAX_VALIDATORS + " entries");
        }
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < vals.size(); i++) {
            JsonNode v = vals.get(i);
            JsonNode k = v.isObject() ? v.get("publicKey") : v;
            if (k == null || !k.isTextual()) {
                throw new WalletException("trusted file " + file + ": validators[" + i + "] has no publicKey");
            }
            try {
                keys.add(PublicKey.fromHex(k.textValue()));
            } catch (IllegalArgumentException e) {
                throw new WalletException("trusted file " + file + ": validators[" + i + "]: " + e.getMessage());
            }
        }
        try {
            return new TrustAnchor(chain.textValue(), new ValidatorSet(keys), file.toString(), null);
        } catch (IllegalArgumentException e) {
            throw new WalletException("trusted file " + file + ": " + e.getMessage());
        }
    }
}
