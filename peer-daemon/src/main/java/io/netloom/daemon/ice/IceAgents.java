package io.netloom.daemon.ice;

import io.netloom.daemon.ice.RelayTransportMemory.Outcome;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.NominationStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one ice4j agent: created with this device's harvesters, candidates gathered and
 * described for an offer or answer (with readable reasons for every missing kind), and freed
 * without ice4j's deadlock. {@link PeerConnection} decides when; this class knows how.
 */
public final class IceAgents {

    private static final Logger LOG = LoggerFactory.getLogger(IceAgents.class);
    private static final String STREAM_NAME = "wireguard";

    /**
     * Frees agents (closing sockets, releasing TURN allocations) off the actor thread. Several threads: one free
     * that hangs inside ice4j must not keep every later agent (and its TURN allocation) alive.
     */
    private static final ThreadPoolExecutor REAPER = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable runnable) {
                    Thread thread = new Thread(runnable, "nl-ice-free-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }
            });

    private IceAgents() {
    }

    /**
     * Loads and configures ice4j in the background: its first agent costs about a second of class loading and
     * configuration parsing (jitsi-metaconfig, Kotlin reflection), which would otherwise delay the first
     * connection once the network map arrives. Creates an agent with no candidates and frees it.
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(() -> {
            try {
                Ice4jRuntime.init();
                freeNow(new Agent(), null);
            } catch (RuntimeException e) {
                LOG.debug("warming up ice4j failed; the first connection will do it", e);
            }
        }, "nl-ice-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Frees {@code agent} and {@code hosts} off the caller's thread. */
    static void free(Agent agent, FilteredHostHarvester hosts) {
        if (agent == null && hosts == null) {
            return;
        }
        try {
            REAPER.execute(() -> freeNow(agent, hosts));
        } catch (RejectedExecutionException e) {
            freeNow(agent, hosts);
        }
    }

    /**
     * Frees an agent and closes the sockets we created for it.
     *
     * <p>The relayed candidates' allocations are released first, outside ice4j's locks: each takes a Refresh with
     * lifetime 0 (up to 2 s), and ice4j's {@code free()} would otherwise reach them with its STUN stack's connector
     * lock held. {@code free()} also closes ice4j's socket wrappers but not always the host sockets under them;
     * closing our own ends them.
     */
    private static void freeNow(Agent agent, FilteredHostHarvester hosts) {
        if (agent != null) {
            try {
                for (IceMediaStream stream : agent.getStreams()) {
                    for (Component component : stream.getComponents()) {
                        for (LocalCandidate candidate : component.getLocalCandidates()) {
                            if (candidate instanceof AllocationCandidate relayed) {
                                relayed.relay().close();
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("releasing TURN allocations before freeing an ICE agent failed", e);
            }
            try {
                agent.free();
            } catch (RuntimeException e) {
                LOG.debug("freeing an ICE agent failed", e);
            }
        }
        if (hosts != null) {
            hosts.closeSockets();
        }
    }

    /**
     * {@code issue}: configured servers that failed (also reported as lastError); {@code note}: informational;
     * {@code udpSilent}: STUN servers are configured and none answered, this time or (skipped) before: this device's
     * UDP does not get out, so no pair can work without its own relay (ADR 0041).
     */
    record Gathered(Agent agent, IceMediaStream stream, Component component, FilteredHostHarvester hosts,
            RelaySocket relay, IceDescription local, String issue, String note, String failure, boolean udpSilent) {

        static Gathered failed(Agent agent, FilteredHostHarvester hosts, String failure) {
            return new Gathered(agent, null, null, hosts, null, null, null, null, failure, false);
        }
    }

    /** Creates an agent and gathers its candidates; blocks for the STUN and TURN transactions. */
    static Gathered gather(IceSettings settings, boolean controlling, String sessionId, NegotiationPurpose purpose) {
        boolean upgrade = purpose == NegotiationPurpose.UPGRADE;
        Agent agent;
        try {
            agent = new Agent();
        } catch (RuntimeException e) {
            return Gathered.failed(null, null, "cannot create an ICE agent: " + e);
        }
        List<String> issues = new ArrayList<>();
        FilteredHostHarvester hosts = new FilteredHostHarvester(settings);
        try {
            agent.setControlling(controlling);
            agent.setUseDynamicPorts(false);
            agent.setTrickling(false);
            agent.setNominationStrategy(NominationStrategy.NONE);
            agent.addCandidateHarvester(hosts);
            List<DiagnosedHarvesters.Stun> stunHarvesters = new ArrayList<>();
            for (StunServer server : settings.stun()) {
                InetAddress address = resolve(server.host(), server.toString(), issues);
                if (address != null) {
                    var harvester = new DiagnosedHarvesters.Stun(
                            new TransportAddress(address, server.port(), Transport.UDP), server, settings.transports());
                    stunHarvesters.add(harvester);
                    agent.addCandidateHarvester(harvester);
                }
            }
            // An upgrade looks for a P2P path only: no relay.
            RelayHarvester relays = upgrade || settings.turn().isEmpty() ? null
                    : new RelayHarvester(settings.turn(), settings.relayTrust(), !settings.allowedInterfaces().isEmpty(),
                            settings.transports());
            if (relays != null) {
                agent.addCandidateHarvester(relays);
            }
            IceMediaStream stream = agent.createMediaStream(STREAM_NAME);
            if (controlling) {
                PairNominator.attach(agent, stream, purpose.relayedWaitMillis());
            }
            long startNanos = System.nanoTime();
            Component component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
            long tookMillis = (System.nanoTime() - startNanos) / 1_000_000L;
            List<LocalCandidate> locals = component.getLocalCandidates();
            if (locals.stream().noneMatch(c -> c.getType() == CandidateType.HOST_CANDIDATE)) {
                return Gathered.failed(agent, hosts, "no host candidate: no usable IPv4 address on "
                        + (settings.allowedInterfaces().isEmpty() ? "any interface" : "interfaces " + settings.allowedInterfaces())
                        + (settings.blockedInterfaces().isEmpty() ? "" : " except " + settings.blockedInterfaces())
                        + (hosts.failures().isEmpty() ? "" : " (" + String.join("; ", hosts.failures()) + ")"));
            }
            learn(settings.transports(), component, stunHarvesters, relays);
            for (var harvester : stunHarvesters) {
                var skipped = harvester.diagnosis.skipped();
                if (skipped != null) {
                    issues.add(harvester.diagnosis.label + ": skipped, " + skipped.describe(settings.transports().now())
                            + ", no server-reflexive candidate");
                } else if (!harvester.diagnosis.answered()) {
                    issues.add(harvester.diagnosis.label + ": " + orNoResponse(harvester.diagnosis.lastFailure())
                            + " after " + tookMillis + " ms, no server-reflexive candidate");
                }
            }
            if (relays != null && relays.relay() == null) {
                issues.add("no relay candidate from " + String.join(", ", relays.failures()) + " after " + tookMillis
                        + " ms (relay fallback unavailable)");
            }
            String note = !upgrade && settings.turn().isEmpty() ? "no TURN server configured (no relay fallback)"
                    : relays != null && relays.relay() != null && !relays.failures().isEmpty()
                    ? "relay over " + relays.chosen().uri() + " after " + String.join(", ", relays.failures())
                    : null;
            IceDescription local = new IceDescription(sessionId, upgrade, agent.getLocalUfrag(),
                    agent.getLocalPassword(), describe(locals), List.of());
            boolean udpSilent = !stunHarvesters.isEmpty() && stunHarvesters.stream()
                    .allMatch(harvester -> harvester.diagnosis.skipped() != null || harvester.diagnosis.attempt(
                            harvester.endpoint).map(attempt -> attempt.outcome() == Outcome.SILENT).orElse(false));
            return new Gathered(agent, stream, component, hosts, relays == null ? null : relays.relay(), local,
                    issues.isEmpty() ? null : String.join("; ", issues), note, null, udpSilent);
        } catch (IOException | RuntimeException e) {
            return Gathered.failed(agent, hosts, e.toString());
        }
    }

    /**
     * Tells the device's memory what each STUN server and relay tried in this gathering got, and probes the
     * endpoints it now suspects of silence: over STUN where a STUN server is the endpoint (a Binding request is
     * quicker to time out than an allocation), otherwise with an allocation.
     */
    private static void learn(RelayTransportMemory memory, Component component,
            List<DiagnosedHarvesters.Stun> stunHarvesters, RelayHarvester relays) {
        List<RelayTransportMemory.Attempt> attempts = new ArrayList<>();
        for (var harvester : stunHarvesters) {
            harvester.diagnosis.attempt(harvester.endpoint).ifPresent(attempts::add);
        }
        if (relays != null) {
            attempts.addAll(relays.attempts());
        }
        Set<String> network = FilteredHostHarvester.hostAddresses(component);
        for (RelayTransportMemory.Endpoint suspect : memory.learn(network, attempts)) {
            Optional<DiagnosedHarvesters.Stun> stun = stunHarvesters.stream()
                    .filter(harvester -> harvester.endpoint.equals(suspect)).findFirst();
            if (stun.isPresent()) {
                stun.get().confirmSilence(component, network);
            } else if (relays == null || !relays.confirmSilence(suspect, component, network)) {
                throw new IllegalStateException("a suspect no harvester of this gathering tried: " + suspect);
            }
        }
    }

    private static String orNoResponse(String failure) {
        return failure == null ? "no response" : failure;
    }

    private static InetAddress resolve(String host, String label, List<String> issues) {
        try {
            InetAddress address = IpV4.isLiteral(host) ? IpV4.parse(host) : InetAddress.getByName(host);
            if (!(address instanceof Inet4Address)) {
                issues.add(label + ": " + address.getHostAddress() + " is not IPv4 (only IPv4 is used)");
                return null;
            }
            return address;
        } catch (UnknownHostException e) {
            issues.add(label + ": cannot resolve " + host);
            return null;
        }
    }

    private static List<IceCandidate> describe(List<LocalCandidate> locals) {
        List<IceCandidate> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> hostEndpoints = new HashSet<>();
        for (LocalCandidate candidate : locals) {
            if (candidate.getType() == CandidateType.HOST_CANDIDATE) {
                hostEndpoints.add(candidate.getTransportAddress().getHostAddress() + ":" + candidate.getTransportAddress().getPort());
            }
        }
        for (LocalCandidate candidate : locals) {
            TransportAddress address = candidate.getTransportAddress();
            if (candidate.getTransport() != Transport.UDP || !(address.getAddress() instanceof Inet4Address)
                    || candidates.size() >= SignalCodec.MAX_CANDIDATES) {
                continue;
            }
            String type = IcePath.typeName(candidate.getType());
            String endpoint = address.getHostAddress() + ":" + address.getPort();
            if (!seen.add(type + " " + endpoint) || (!type.equals("host") && !type.equals("relay") && hostEndpoints.contains(endpoint))) {
                continue; // a server-reflexive address equal to a host one adds nothing
            }
            String relatedIp = null;
            int relatedPort = 0;
            TransportAddress related = candidate.getType() == CandidateType.HOST_CANDIDATE ? null : candidate.getRelatedAddress();
            if (related != null && related.getAddress() instanceof Inet4Address
                    && IpV4.unusableReason(related.getAddress().getAddress()) == null && related.getPort() > 0) {
                relatedIp = related.getHostAddress();
                relatedPort = related.getPort();
            }
            candidates.add(new IceCandidate(type, address.getHostAddress(), address.getPort(), candidate.getPriority(),
                    candidate.getFoundation(), relatedIp, relatedPort));
        }
        return candidates;
    }
}
