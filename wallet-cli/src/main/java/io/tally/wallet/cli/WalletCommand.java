package io.tally.wallet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.wallet.WalletCli;
import io.tally.wallet.WalletException;
import io.tally.wallet.keystore.KeystoreDir;
import io.tally.wallet.keystore.KeystoreException;
import io.tally.wallet.keystore.StoredKey;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Common plumbing of every command: the shared options, output, keys and addresses. */
abstract class WalletCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    WalletCli root() {
        return (WalletCli) spec.root().userObject();
    }

    WalletEnv env() {
        return root().env();
    }

    WalletOptions opts() {
        return root().options();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ObjectNode object() {
        return JSON.createObjectNode();
    }

    void printJson(Object node) {
        try {
            out().println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
        out().flush();
    }

    KeystoreDir keystore() {
        return opts().keystore(env());
    }

    /** A key by name or address; with no name, the only key in the keystore. */
    StoredKey key(String nameOrAddress) {
        KeystoreDir dir = keystore();
        if (nameOrAddress != null) {
            return dir.find(nameOrAddress);
        }
        List<StoredKey> all = dir.list(new ArrayList<>());
        if (all.size() != 1) {
            throw new WalletException(all.isEmpty() ? "no keys in " + dir.dir() + " (create one with 'keys new NAME')"
                : "the keystore holds " + all.size() + " keys: name one with --from");
        }
        return all.get(0);
    }

    KeyPair unlock(StoredKey key) {
        warnIfExposed(key.file());
        char[] pw = opts().passwords(env()).get("Password for key '" + key.name() + "'", false);
        try {
            return KeystoreDir.unlock(key.keystore(), pw);
        } catch (KeystoreException e) {
            throw new WalletException("cannot unlock key '" + key.name() + "': " + e.getMessage());
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }

    /**
     * The secret is encrypted, so an exposed file is not refused (unlike a node's plaintext key),
     * but the user should know that others can copy it and try passwords offline.
     */
    void warnIfExposed(java.nio.file.Path file) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = java.nio.file.Files.getPosixFilePermissions(file);
            perms.removeAll(java.util.EnumSet.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
            if (!perms.isEmpty()) {
                err().println("warning: " + file + " is accessible by other users (run chmod 600 " + file + ")");
            }
        } catch (UnsupportedOperationException | java.io.IOException e) {
            // no POSIX permissions here: nothing to check
        }
    }

    /** A tly1... address, or the address of a named key. */
    Address address(String addressOrName) {
        if (addressOrName != null && addressOrName.startsWith(Address.HRP + "1")) {
            try {
                return Address.parse(addressOrName);
            } catch (IllegalArgumentException e) {
                throw new WalletException(e.getMessage());
            }
        }
        return key(addressOrName).address();
    }

    /** Read paths with verification according to --genesis / --no-verify. */
    VerifiedReads reads() {
        return new VerifiedReads(opts().node(env()), opts().verifier(env()).orElse(null));
    }

    /** Adds the verification outcome to JSON output and prints it for humans. */
    void reportVerified(ObjectNode json, io.tally.wallet.verify.Verified v) {
        if (json != null) {
            json.put("verified", v != null);
            if (v != null) {
                json.put("verifiedHeight", v.height()).put("certificateSigners", v.signers())
                    .put("validators", v.validators());
            }
        } else {
            out().println(v != null ? v.describe() : "NOT verified (--no-verify): this is what the node says");
        }
    }

    /**
     * The chain to sign for: the node's, which must equal the trusted file's when one is given (a
     * wallet must not sign for a chain the user did not mean).
     */
    String chainId(io.tally.wallet.rpc.NodeApi node) {
        String served = node.chainInfo().chainId();
        java.util.Optional<io.tally.wallet.verify.TrustAnchor> anchor = opts().anchor(env());
        if (anchor.isPresent() && !anchor.get().chainId().equals(served)) {
            throw new WalletException("the node is on chain '" + served + "' but the trusted file says '"
                + anchor.get().chainId() + "'");
        }
        return served;
    }

    /** Submits a signed transaction; with {@code wait}, waits for it and reports it verified. */
    int submit(io.tally.ledger.tx.Transaction tx, boolean wait) {
        io.tally.wallet.rpc.NodeApi node = opts().node(env());
        VerifiedReads reads = wait ? reads() : null; // fail on missing --genesis before sending anything
        io.tally.crypto.Hash hash = node.sendRawTransaction(tx.encoded());
        if (!hash.equals(tx.hash())) {
            throw new io.tally.wallet.verify.VerificationException("the node acknowledged hash " + hash
                + " for transaction " + tx.hash());
        }
        if (!wait) {
            if (opts().json()) {
                printJson(object().put("hash", hash.toHex()).put("status", "submitted"));
            } else {
                out().println(hash.toHex());
            }
            return 0;
        }
        return TxWaiter.report(this, reads, TxWaiter.await(this, node, hash));
    }

    static long positive(String text, String what) {
        try {
            long v = Long.parseLong(text.trim().replace("_", ""));
            if (v <= 0) {
                throw new WalletException(what + " must be a positive integer, got " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new WalletException(what + " must be a positive integer below 2^63, got " + text);
        }
    }
}
