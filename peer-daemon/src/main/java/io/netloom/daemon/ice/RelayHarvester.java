package io.netloom.daemon.ice;

import io.netloom.daemon.ice.RelayTransportMemory.Attempt;
import io.netloom.daemon.ice.RelayTransportMemory.Endpoint;
import io.netloom.daemon.ice.RelayTransportMemory.Outcome;
import io.netloom.daemon.ice.RelayTransportMemory.Silence;
import io.netloom.daemon.relay.RelayTransport;
import io.netloom.daemon.relay.RelayTrust;
import io.netloom.daemon.relay.TurnError;
import io.netloom.daemon.relay.TurnException;
import io.netloom.daemon.relay.TurnTimings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ice4j.ice.Component;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.AbstractCandidateHarvester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers one relayed candidate on Netloom's own TURN client: the configured relays are tried over UDP first, then
 * TCP, then TLS ({@code turns:}), and the first allocation granted becomes the candidate. A network that drops UDP
 * (or TCP to the relay's port) thus gets a relay over what it lets through, with no setting on the device.
 *
 * <p>Relays the device's {@link RelayTransportMemory} knows to be silent on this network are skipped (and probed in
 * the background now and then), unless that would skip them all; what each attempt got is reported to the memory by
 * {@link IceAgents} once the gathering is complete ({@link #attempts()}).
 *
 * <p>Each attempt may take {@link #TIMINGS}' request timeout; three of them stay within ice4j's harvest timeout
 * (10 s, {@code Ice4jRuntime}), after which ice4j would no longer wait for this harvester.
 */
final class RelayHarvester extends AbstractCandidateHarvester {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHarvester.class);
    /**
     * 3 s per request: over UDP, transmissions at 0, 0.5 and 1.5 s; a relay silent that long is as good as
     * unreachable for a path that is being set up, and the same bound detects a dead relay on refresh.
     */
    static final TurnTimings TIMINGS = new TurnTimings(Duration.ofSeconds(3), Duration.ofMillis(500),
            Duration.ofSeconds(600), Duration.ofSeconds(300), Duration.ofSeconds(600));

    private final List<TurnServer> servers;
    private final RelayTrust trust;
    private final boolean bindToHost;
    private final RelayTransportMemory memory;
    /** Guards the three lists below: ice4j may time the harvest out and read them while it still runs. */
    private final Object lock = new Object();
    private final List<String> failures = new ArrayList<>();
    private final List<RelayFallbackStep> passedOver = new ArrayList<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private volatile RelaySocket relay;
    private volatile TurnServer chosen;

    /**
     * @param bindToHost reach the relay from the address of the first host candidate (when the device is limited to
     *     some interfaces) instead of wherever the routing table sends it
     */
    RelayHarvester(List<TurnServer> servers, RelayTrust trust, boolean bindToHost, RelayTransportMemory memory) {
        this.servers = servers.stream().sorted(Comparator.comparing(TurnServer::transport)).toList();
        this.trust = trust;
        this.bindToHost = bindToHost;
        this.memory = memory;
    }

    /**
     * Probes {@code endpoint} in the background if it is one of this harvester's relays ({@link
     * RelayTransportMemory#learn} made it a suspect); false if it is not.
     */
    boolean confirmSilence(Endpoint endpoint, Component component, Set<String> network) {
        InetAddress local = bindToHost ? FilteredHostHarvester.firstHostAddress(component) : null;
        for (TurnServer server : servers) {
            if (Endpoint.of(server).equals(endpoint)) {
                TransportProbes.relay(server, trust, local, endpoint, memory, network);
                return true;
            }
        }
        return false;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        InetAddress local = bindToHost ? FilteredHostHarvester.firstHostAddress(component) : null;
        Set<String> network = FilteredHostHarvester.hostAddresses(component);
        RelayTransportMemory.Plan plan = memory.plan(network, servers.stream().map(Endpoint::of).toList());
        Set<Endpoint> due = new HashSet<>(plan.reprobe());
        for (TurnServer server : servers) {
            Endpoint endpoint = Endpoint.of(server);
            if (due.remove(endpoint)) {
                TransportProbes.relay(server, trust, local, endpoint, memory, network);
            }
        }
        // Skipping every relay would leave none: then each is tried, as if nothing were known.
        boolean skipping = servers.stream().anyMatch(server -> plan.skips(Endpoint.of(server)).isEmpty());
        for (TurnServer server : servers) {
            Endpoint endpoint = Endpoint.of(server);
            Optional<Silence> silence = skipping ? plan.skips(endpoint) : Optional.empty();
            if (silence.isPresent()) {
                passedOver(server, true, silence.get().reason(), silence.get().at(),
                        "skipped, " + silence.get().describe(memory.now()));
                continue;
            }
            RelaySocket socket;
            try {
                socket = RelaySocket.allocate(server.relayServer(), trust, TIMINGS, local);
            } catch (IOException | RuntimeException e) {
                attempted(endpoint, outcome(e), e);
                passedOver(server, false, describe(e), memory.now(), describe(e));
                continue;
            }
            attempted(endpoint, Outcome.ANSWERED, null);
            try {
                List<RelayFallbackStep> before;
                synchronized (lock) {
                    before = List.copyOf(passedOver);
                }
                AllocationCandidate candidate = new AllocationCandidate(socket, component, before);
                if (!component.addLocalCandidate(candidate)) {
                    socket.close();
                    continue;
                }
                // Checks on the relayed candidate are STUN through its socket: ice4j's stack must read it.
                candidate.getStunStack().addSocket(candidate.getStunSocket(null));
                relay = socket;
                chosen = server;
                if (server.transport() != RelayTransport.UDP) {
                    LOG.info("relayed candidate {} over {} (before: {})", socket.relayedAddress(), server.uri(),
                            failures());
                }
                return List.of(candidate);
            } catch (IOException | RuntimeException e) {
                socket.close();
                passedOver(server, false, e.toString(), memory.now(), e.toString());
            }
        }
        return List.of();
    }

    /**
     * What an attempt that failed with {@code e} says about the transport: silent when nothing came back in time
     * (a request timed out, a TCP connect or TLS handshake timed out), answered when the relay said anything (even
     * no), refused when it failed within a round trip (refused, unreachable, a connection reset) or locally.
     */
    static Outcome outcome(Exception e) {
        if (!(e instanceof TurnException turn)) {
            return Outcome.REFUSED;
        }
        return switch (turn.error()) {
            case TIMEOUT -> Outcome.SILENT;
            case UNREACHABLE -> timedOut(turn) ? Outcome.SILENT : Outcome.REFUSED;
            case CONNECTION_LOST, CLOSED -> Outcome.REFUSED;
            case CERTIFICATE, UNAUTHORIZED, QUOTA, REFUSED, PROTOCOL -> Outcome.ANSWERED;
        };
    }

    /** A failed attempt in a few words, as the status shows it. */
    static String describe(Exception e) {
        if (e instanceof TurnException turn) {
            return turn.error() == TurnError.TIMEOUT ? "no response" : turn.getMessage();
        }
        return e.toString();
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** What a silent attempt got, for the memory and the status: a TCP connect that timed out, else no response. */
    static String silentReason(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException timeout && timeout.getMessage() != null
                    && timeout.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return "connect timed out";
            }
        }
        return "no response";
    }

    private void attempted(Endpoint endpoint, Outcome outcome, Exception e) {
        synchronized (lock) {
            attempts.add(new Attempt(endpoint, outcome, true, outcome == Outcome.SILENT ? silentReason(e) : null));
        }
    }

    private void passedOver(TurnServer server, boolean skipped, String reason, Instant at, String text) {
        Endpoint endpoint = Endpoint.of(server);
        synchronized (lock) {
            failures.add(server.uri() + ": " + text);
            passedOver.add(new RelayFallbackStep(endpoint.transportName(), endpoint.server(), skipped, reason, at));
        }
        LOG.debug("no allocation on {}: {}", server.uri(), text);
    }

    /** The relay the candidate was allocated on, {@code null} when every one failed. */
    RelaySocket relay() {
        return relay;
    }

    /** The server entry the candidate was allocated on, {@code null} when every one failed. */
    TurnServer chosen() {
        return chosen;
    }

    /**
     * Why each relay tried before the one that worked (or all of them) gave no allocation, or why it was skipped:
     * {@code uri: reason}.
     */
    List<String> failures() {
        synchronized (lock) {
            return List.copyOf(failures);
        }
    }

    /** What each relay tried got, for {@link RelayTransportMemory#learn}. */
    List<Attempt> attempts() {
        synchronized (lock) {
            return List.copyOf(attempts);
        }
    }
}
