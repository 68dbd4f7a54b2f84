package io.tally.wallet.cli;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

final class WalletEnvs {
    private WalletEnvs() {}

    static WalletEnv quiet() {
        return new WalletEnv(Map.of(), null, new ByteArrayInputStream(new byte[0]), new SecureRandom(),
            Clock.systemUTC(), d -> {
                throw new AssertionError("no waiting expected");
            }, false);
    }
}
