package io.netloom.daemon.firewall;

import java.util.List;

/**
 * An {@code nft -f} script, and why any rules or served routes were left out of it.
 *
 * @param problems one human-readable sentence per skipped rule or route; empty when every one made it
 * @param forwards whether the script forwards from the overlay (the device serves a network), so the kernel must
 *     forward IPv4
 */
public record RenderedRuleset(String script, List<String> problems, boolean forwards) {

    public RenderedRuleset {
        problems = List.copyOf(problems);
    }
}
