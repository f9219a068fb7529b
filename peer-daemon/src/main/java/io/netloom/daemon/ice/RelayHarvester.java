package io.netloom.daemon.ice;

import io.netloom.daemon.relay.RelayTransport;
import io.netloom.daemon.relay.RelayTrust;
import io.netloom.daemon.relay.TurnError;
import io.netloom.daemon.relay.TurnException;
import io.netloom.daemon.relay.TurnTimings;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.ice4j.ice.CandidateType;
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
    private final List<String> failures = new ArrayList<>();
    private volatile RelaySocket relay;
    private volatile TurnServer chosen;

    /**
     * @param bindToHost reach the relay from the address of the first host candidate (when the device is limited to
     *     some interfaces) instead of wherever the routing table sends it
     */
    RelayHarvester(List<TurnServer> servers, RelayTrust trust, boolean bindToHost) {
        this.servers = servers.stream().sorted(Comparator.comparing(TurnServer::transport)).toList();
        this.trust = trust;
        this.bindToHost = bindToHost;
    }

    /** The order in which the relays are tried: by transport, UDP, TCP, TLS; otherwise as configured. */
    List<TurnServer> order() {
        return servers;
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        InetAddress local = bindToHost ? firstHostAddress(component) : null;
        for (TurnServer server : servers) {
            RelaySocket socket;
            try {
                socket = RelaySocket.allocate(server.relayServer(), trust, TIMINGS, local);
            } catch (TurnException e) {
                failed(server, e.error() == TurnError.TIMEOUT ? "no response" : e.getMessage());
                continue;
            } catch (IOException | RuntimeException e) {
                failed(server, e.toString());
                continue;
            }
            try {
                AllocationCandidate candidate = new AllocationCandidate(socket, component);
                if (!component.addLocalCandidate(candidate)) {
                    socket.close();
                    continue;
                }
                // Checks on the relayed candidate are STUN through its socket: ice4j's stack must read it.
                candidate.getStunStack().addSocket(candidate.getStunSocket(null));
                relay = socket;
                chosen = server;
                if (server.transport() != RelayTransport.UDP) {
                    LOG.info("relayed candidate {} over {} (tried before: {})", socket.relayedAddress(), server.uri(),
                            failures);
                }
                return List.of(candidate);
            } catch (IOException | RuntimeException e) {
                socket.close();
                failed(server, e.toString());
            }
        }
        return List.of();
    }

    private void failed(TurnServer server, String reason) {
        synchronized (failures) {
            failures.add(server.uri() + ": " + reason);
        }
        LOG.debug("no allocation on {}: {}", server.uri(), reason);
    }

    /** The relay the candidate was allocated on, {@code null} when every one failed. */
    RelaySocket relay() {
        return relay;
    }

    /** The server entry the candidate was allocated on, {@code null} when every one failed. */
    TurnServer chosen() {
        return chosen;
    }

    /** Why each relay tried before the one that worked (or all of them) gave no allocation: {@code uri: reason}. */
    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private static InetAddress firstHostAddress(Component component) {
        return component.getLocalCandidates().stream()
                .filter(candidate -> candidate.getType() == CandidateType.HOST_CANDIDATE)
                .map(candidate -> candidate.getTransportAddress().getAddress())
                .findFirst().orElse(null);
    }
}
