package io.netloom.daemon.firewall;

import java.util.List;

/**
 * An {@code nft -f} script, and why any inbound rules were left out of it.
 *
 * @param problems one human-readable sentence per skipped rule; empty when every rule made it
 */
public record RenderedRuleset(String script, List<String> problems) {

    public RenderedRuleset {
        problems = List.copyOf(problems);
    }
}
