package io.tally.wallet.cli;

import io.tally.wallet.keystore.StoredKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "address", mixinStandardHelpOptions = true, description = "Print a key's address.")
public final class AddressCommand extends WalletCommand {
    @Parameters(paramLabel = "KEY", arity = "0..1", description = "Key name (default: the only key).")
    String key;

    @Override
    public Integer call() {
        StoredKey k = key(key);
        if (opts().json()) {
            printJson(object().put("name", k.name()).put("address", k.address().toString()));
        } else {
            out().println(k.address());
        }
        return 0;
    }
}
