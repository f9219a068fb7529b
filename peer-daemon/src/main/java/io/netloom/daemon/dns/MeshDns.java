package io.netloom.daemon.dns;

import io.netloom.daemon.link.IpLiterals;
import io.netloom.daemon.map.NetworkMap;
import io.netloom.daemon.status.DnsStatus;
import io.netloom.daemon.status.RecentProblems;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * The peer's DNS (ADR 0045): the resolver's table made from every map the moment it arrives, the resolver's sockets
 * on the overlay address, and the system's DNS pointed at it while the map lets the daemon manage it — put back as it
 * was when the map says otherwise, when the sockets cannot open, and when the daemon stops. One thread does all of
 * it, in the order the maps arrive.
 */
public final class MeshDns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MeshDns.class);
    /** How often the system's DNS is looked at for changes by other programs, and sockets that failed tried again. */
    static final Duration RECHECK = Duration.ofSeconds(5);

    private final SystemDns system;
    private final int port;
    private final RecentProblems problems;
    private final DnsCounters counters = new DnsCounters();
    private final UpstreamForwarder forwarder;
    private final DnsResponder responder;
    private final Duration answerWait;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mesh-dns");
        thread.setDaemon(true);
        return thread;
    });

    private volatile DnsTable table = DnsTable.EMPTY;
    private volatile NetworkMap map;
    private volatile String state = "waiting";
    private volatile String lastError;
    private volatile DnsListeners listeners;
    /** The address the listeners were asked for (port 0 in tests: whatever was free). */
    private InetSocketAddress listeningFor;
    private Set<String> reportedProblems = Set.of();

    /**
     * @param port where the resolver listens on the overlay address: 53, which the system's resolv.conf requires
     * @param budget how long a forwarded question may take over all of its upstreams
     */
    public MeshDns(SystemDns system, int port, Duration budget, RecentProblems problems) {
        this.system = system;
        this.port = port;
        this.problems = problems;
        this.forwarder = new UpstreamForwarder(budget);
        this.responder = new DnsResponder(() -> table, forwarder, counters);
        this.answerWait = budget.plusSeconds(1);
        worker.scheduleWithFixedDelay(this::recheck, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes a new map into use; the returned future completes once it answers from it (for tests). */
    public CompletableFuture<Void> mapChanged(NetworkMap next) {
        try {
            return CompletableFuture.runAsync(() -> applySafely(next), worker);
        } catch (RejectedExecutionException e) {
            log.debug("map serial {} not used for DNS: stopping", next.serial());
            return CompletableFuture.completedFuture(null);
        }
    }

    private void applySafely(NetworkMap next) {
        try {
            apply(next);
        } catch (RuntimeException e) {
            fail("map serial " + next.serial() + " not used for DNS: " + e);
        }
    }

    private void apply(NetworkMap next) {
        map = next;
        InetAddress own = ownAddress(next);
        InetSocketAddress self = new InetSocketAddress(own, port);
        DnsTable previous = table;
        table = DnsTables.of(next, self, system.originalResolvers());
        reportNew(table.problems());
        if (!next.config().dnsManaged()) {
            putSystemBack();
            closeListeners();
            state = "off";
            return;
        }
        if (!listen(self)) {
            // Pointing the system at a resolver that does not listen would break every name on the machine.
            putSystemBack();
            return;
        }
        try {
            system.apply(settings(table, own), !table.answersAlike(previous));
            lastError = null;
        } catch (IOException e) {
            fail("the system's DNS not pointed at the resolver: " + e.getMessage());
        }
    }

    private static InetAddress ownAddress(NetworkMap map) {
        String address = map.config().address();
        int slash = address.indexOf('/');
        return IpLiterals.parse(slash < 0 ? address : address.substring(0, slash));
    }

    private boolean listen(InetSocketAddress self) {
        if (listeners != null && self.equals(listeningFor)) {
            return true;
        }
        closeListeners();
        try {
            listeners = DnsListeners.open(self.getAddress(), self.getPort(), responder, counters, answerWait);
            listeningFor = self;
            state = "listening";
            lastError = null;
            log.info("DNS resolver listening on {} (UDP and TCP)", listeners.address());
            return true;
        } catch (IOException e) {
            state = "failed";
            fail("the resolver cannot listen on " + hostAndPort(self) + ": " + e.getMessage());
            return false;
        }
    }

    /** What the system is told: search domains, every domain the resolver answers or forwards, whether all names. */
    static SystemDnsSettings settings(DnsTable table, InetAddress resolver) {
        List<String> search = table.searchDomains().stream().map(name -> name.toString(true)).toList();
        Set<Name> routed = new LinkedHashSet<>();
        if (table.meshDomain() != null) {
            routed.add(table.meshDomain());
        }
        table.zones().forEach(zone -> routed.add(zone.name()));
        table.matchDomains().forEach(match -> routed.add(match.domain()));
        return new SystemDnsSettings(resolver, search, routed.stream().map(name -> name.toString(true)).toList(),
                table.primary() != null);
    }

    /** Every few seconds: sockets that could not open are tried again, changes other programs made are undone. */
    private void recheck() {
        NetworkMap current = map;
        if (current == null || !current.config().dnsManaged()) {
            return;
        }
        try {
            if (listeners == null) {
                apply(current);
            } else if (system.recheck()) {
                table = DnsTables.of(current, listeningFor, system.originalResolvers());
            }
        } catch (IOException | RuntimeException e) {
            fail("the system's DNS not checked: " + e.getMessage());
        }
    }

    private void putSystemBack() {
        try {
            system.restore();
        } catch (IOException e) {
            fail("the system's DNS not put back: " + e.getMessage());
        }
    }

    private void closeListeners() {
        DnsListeners open = listeners;
        listeners = null;
        listeningFor = null;
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (IOException e) {
            log.warn("DNS resolver not closed cleanly: {}", e.getMessage());
        }
    }

    private void fail(String problem) {
        if (!problem.equals(lastError)) {
            log.warn(problem);
            problems.add(problem);
        }
        lastError = problem;
    }

    private void reportNew(List<String> found) {
        Set<String> now = new HashSet<>(found);
        found.stream().filter(problem -> !reportedProblems.contains(problem)).forEach(problem -> {
            log.warn(problem);
            problems.add(problem);
        });
        reportedProblems = now;
    }

    /** Safe to call from any thread. */
    public DnsStatus status() {
        DnsTable current = table;
        NetworkMap held = map;
        DnsListeners open = listeners;
        List<DnsStatus.Group> groups = new ArrayList<>();
        current.groups().forEach(group -> groups.add(new DnsStatus.Group(group.name(),
                group.upstreams().servers().stream().map(MeshDns::hostAndPort).toList(), group.primary(),
                group.domains().stream().map(name -> name.toString(true)).toList())));
        return new DnsStatus(state, open == null ? null : hostAndPort(open.address()),
                current.meshDomain() == null ? null : current.meshDomain().toString(true),
                held == null || held.config().dnsManaged(), system.describe(),
                current.searchDomains().stream().map(name -> name.toString(true)).toList(),
                current.meshNames().size(),
                current.zones().stream().map(zone -> new DnsStatus.Zone(zone.name().toString(true), zone.records(),
                        zone.searchDomain())).toList(),
                groups,
                current.system() == null ? List.of()
                        : current.system().servers().stream().map(MeshDns::hostAndPort).toList(),
                counters.snapshot(), lastError);
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Puts the system's DNS back, then stops answering: never a moment where the system asks a closed resolver. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("DNS still busy while stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            system.restore();
        } catch (IOException e) {
            log.warn("the system's DNS not put back: {}", e.getMessage());
        }
        closeListeners();
        forwarder.close();
    }
}
