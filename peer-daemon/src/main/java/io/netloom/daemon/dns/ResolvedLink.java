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

    /** resolved forgets what it was told over D-Bus when it restarts: tell it again. */
    @Override
    public boolean recheck() throws IOException {
        if (applied == null || settings == null) {
            return false;
        }
        String servers = run(List.of("dns", link));
        if (!servers.contains(settings.resolver().getHostAddress())) {
            applied = null;
            apply(settings, true);
        }
        return false;
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
