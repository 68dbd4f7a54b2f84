package io.tally.wallet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Address;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "balance", mixinStandardHelpOptions = true,
    description = "Show an account's balance and nonce, verified against the trusted validator set.")
public final class BalanceCommand extends WalletCommand {
    @Parameters(paramLabel = "ACCOUNT", arity = "0..1", description = "Address (tly1...) or key name (default: the only key).")
    String account;

    @Override
    public Integer call() {
        Address address = address(account);
        VerifiedReads.Account a = reads().account(address);
        if (opts().json()) {
            ObjectNode o = object().put("address", address.toString())
                .put("balance", Long.toString(a.view().balance())).put("nonce", Long.toString(a.view().nonce()))
                .put("pendingNonce", Long.toString(a.view().pendingNonce())).put("height", a.view().proof().height());
            reportVerified(o, a.verified());
            printJson(o);
        } else {
            Table.keyValues(out(), "address", address, "balance", a.view().balance(), "nonce", a.view().nonce(),
                "height", a.view().proof().height());
            reportVerified(null, a.verified());
        }
        return 0;
    }
}
