package io.tally.wallet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import io.tally.crypto.Bytes;
import io.tally.ledger.tx.RecordPayload;
import io.tally.ledger.tx.Transaction;
import io.tally.wallet.WalletException;
import io.tally.wallet.keystore.StoredKey;
import io.tally.wallet.rpc.NodeApi;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "record", mixinStandardHelpOptions = true, description = "Write or read records (key/value per owner).",
    subcommands = {RecordCommand.Put.class, RecordCommand.Get.class})
public final class RecordCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a record subcommand: put or get");
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Store a value under a key in your namespace.")
    static final class Put extends WalletCommand {
        @Option(names = "--from", paramLabel = "KEY", description = "Owner key (default: the only key).")
        String from;

        @ArgGroup(exclusive = true, multiplicity = "1")
        RecordArgs.Key key;

        @ArgGroup(exclusive = true, multiplicity = "1")
        RecordArgs.Value value;

        @Option(names = "--nonce", paramLabel = "N", description = "Nonce (default: the node's pending nonce).")
        Long nonce;

        @Option(names = "--wait", description = "Wait until committed, then verify its inclusion.")
        boolean await;

        @Override
        public Integer call() {
            RecordPayload payload = new RecordPayload(key.bytes(), value.bytes());
            StoredKey owner = key(from);
            NodeApi node = opts().node(env());
            if (await) {
                opts().verifier(env());
            }
            String chain = chainId(node);
            long n = nonce != null ? nonce : node.account(owner.address()).pendingNonce();
            Transaction tx = Transaction.sign(unlock(owner), chain, n, payload);
            return submit(tx, await);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Read a record, verified against the "
        + "trusted validator set.")
    static final class Get extends WalletCommand {
        @Option(names = "--owner", paramLabel = "ACCOUNT", description = "Owner address or key name (default: the only key).")
        String owner;

        @ArgGroup(exclusive = true, multiplicity = "1")
        RecordArgs.Key key;

        @Override
        public Integer call() {
            Address o = address(owner);
            byte[] k = key.bytes();
            VerifiedReads.Record r = reads().record(o, k);
            if (opts().json()) {
                ObjectNode j = object().put("owner", o.toString()).put("key", Bytes.toHex(k))
                    .put("exists", r.view().exists()).put("height", r.view().proof().height());
                j.put("value", r.view().exists() ? Bytes.toHex(r.view().value()) : null);
                reportVerified(j, r.verified());
                printJson(j);
            } else {
                Table.keyValues(out(), "owner", o, "key", RecordArgs.show(k), "value",
                    r.view().exists() ? RecordArgs.show(r.view().value()) : "(absent)", "height",
                    r.view().proof().height());
                reportVerified(null, r.verified());
            }
            return 0;
        }
    }
}
