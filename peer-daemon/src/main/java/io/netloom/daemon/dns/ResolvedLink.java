package io.netloom.daemon.dns;

import io.netloom.daemon.link.Commands;
import io.netloom.daemon.link.IpLiterals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * systemd-resolved's settings of the overlay link, through {@code resolvectl}: the peer's resolver as the link's DNS
 * server, the search domains, and the other domains it answers as routing domains ({@code ~corp.example}), so that
 * resolved asks it for those names and its other links for the rest; {@code ~.} too when the map has a primary
 * group. resolved forgets a link's settings when the link goes, so a daemon that was killed leaves nothing behind.
 */
public final class ResolvedLink implements SystemDns {

    /** Where resolved lists the servers of the machine's other links: the system's resolvers without the daemon. */
    public static final Path UPLINKS = Path.of("/run/systemd/resolve/resolv.conf");

    private final String resolvectl;
    private final String link;
    private final Path uplinks;
    private volatile List<List<String>> applied;
    private SystemDnsSettings settings;

    public ResolvedLink(String resolvectl, String link, Path uplinks) {
        this.resolvectl = resolvectl;
        this.link = link;
        this.uplinks = uplinks;
    }

    @Override
    public void apply(SystemDnsSettings settings, boolean namesChanged) throws IOException {
        this.settings = settings;
        List<List<String>> wanted = commands(settings);
        if (!wanted.equals(applied)) {
            applied = null;
            for (List<String> command : wanted) {
                run(command);
            }
            applied = wanted;
        }
        if (namesChanged) {
            // resolved caches answers for their TTL; a name the map just added or took away must not wait for it.
            run(List.of("flush-caches"));
        }
    }

    private List<List<String>> commands(SystemDnsSettings settings) {
        List<String> domains = new ArrayList<>(List.of("domain", link));
        Set<String> search = new LinkedHashSet<>(settings.searchDomains());
        domains.addAll(search);
        settings.routedDomains().stream().filter(domain -> !search.contains(domain)).distinct()
                .forEach(domain -> domains.add("~" + domain));
        if (settings.everything()) {
            domains.add("~.");
        }
        return List.of(List.of("dns", link, settings.resolver().getHostAddress()), List.copyOf(domains),
                List.of("default-route", link, settings.everything() ? "yes" : "no"));
    }

    @Override
    public void restore() throws IOException {
        if (applied == null) {
            return;
        }
        applied = null;
        run(List.of("revert", link));
    }

    /**
     * Tells resolved again what another program took away: {@code resolvectl revert} or new settings of the link from
     * a network manager, or a resolved that started without the state it keeps in /run (it keeps a link's settings
     * across a plain restart). All three settings are compared, each token exactly: a server that merely contains
     * ours ({@code 100.64.0.10} for {@code 100.64.0.1}) or a search domain turned into a routing one is not ours.
     */
    @Override
    public boolean recheck() throws IOException {
        if (applied == null || settings == null) {
            return false;
        }
        List<List<String>> wanted = applied;
        boolean intact = servers(values(run(List.of("dns", link)))).contains(wanted.get(0).get(2))
                && values(run(List.of("domain", link))).equals(wanted.get(1).subList(2, wanted.get(1).size()))
                && values(run(List.of("default-route", link))).equals(wanted.get(2).subList(2, 3));
        if (!intact) {
            applied = null;
            apply(settings, true);
        }
        return false;
    }

    /**
     * What {@code resolvectl dns|domain|default-route <link>} shows for the link, one line {@code Link 3 (wt0): a b}
     * (systemd 252): the values after the link's name; none when resolved has none, or prints another format.
     */
    static List<String> values(String output) {
        for (String line : output.split("\n")) {
            int colon = line.indexOf("):");
            if (line.startsWith("Link ") && colon > 0) {
                String rest = line.substring(colon + 2).trim();
                return rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
            }
        }
        return List.of();
    }

    /** Server tokens as addresses: resolved may add a port, an interface or a TLS name ({@code 1.2.3.4:53#name}). */
    private static List<String> servers(List<String> tokens) {
        List<String> addresses = new ArrayList<>();
        for (String token : tokens) {
            String address = token.startsWith("[") && token.indexOf(']') > 0 ? token.substring(1, token.indexOf(']'))
                    : token.chars().filter(c -> c == ':').count() == 1 ? token.substring(0, token.indexOf(':')) : token;
            int suffix = indexOfAny(address, '%', '#');
            addresses.add(suffix < 0 ? address : address.substring(0, suffix));
        }
        return addresses;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    @Override
    public List<InetSocketAddress> originalResolvers() {
        String text;
        try {
            text = Files.exists(uplinks) ? Files.readString(uplinks, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return List.of();
        }
        List<InetSocketAddress> resolvers = new ArrayList<>();
        for (String server : ResolvConf.parse(text).nameservers()) {
            try {
                resolvers.add(new InetSocketAddress(IpLiterals.parse(server), 53));
            } catch (IllegalArgumentException e) {
                // not an address, so not a resolver anyone could ask
            }
        }
        return List.copyOf(resolvers);
    }

    @Override
    public String describe() {
        return "systemd-resolved, link " + link + (applied == null ? " (unchanged)" : "");
    }

    private String run(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(resolvectl);
        command.addAll(arguments);
        return Commands.run(command.toArray(String[]::new));
    }
}
