package io.netloom.daemon.firewall;

import io.netloom.daemon.link.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Applies rulesets with the {@code nft} tool. */
public final class Nftables {

    private Nftables() {
    }

    /** Runs {@code script} with {@code nft -f -}: all of it takes effect, or none of it. */
    public static void apply(String script) throws IOException {
        Commands.runWithInput(script.getBytes(StandardCharsets.UTF_8), "nft", "-f", "-");
    }

    /** Removes the rules of {@code interfaceName}, the firewall and the path table; does nothing when there are none. */
    public static void remove(String interfaceName) throws IOException {
        apply(FirewallRuleset.removal(interfaceName) + DirectPathRuleset.removal(interfaceName));
    }
}
