package io.netloom.daemon.ice;

import io.netloom.daemon.relay.RelayTrust;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What every {@link PeerConnection} of this device uses.
 *
 * @param stun STUN servers for server-reflexive candidates
 * @param turn TURN servers (over UDP, TCP or TLS) for relayed candidates, the fallback path
 * @param blockedInterfaces interfaces never used for host candidates, e.g. the WireGuard interface itself
 * @param wireGuardPort the port WireGuard listens on in this network namespace; the proxy delivers to
 *     {@code 127.0.0.1:wireGuardPort}
 * @param allowedInterfaces when not empty, the only interfaces used for host candidates (checked before
 *     {@code blockedInterfaces})
 * @param timings the connection's timers
 * @param problems configuration entries that were refused by {@link #parse}, with the reason
 * @param relayTrust the CAs a {@code turns:} relay's certificate must chain to (the runtime's by default)
 * @param transports what the device learned about which of these servers' transports its network leaves
 *     unanswered (ADR 0041): one per daemon, carried along by every {@code with…} copy so that all its connections
 *     share it; a new, empty one when {@code null}
 */
public record IceSettings(
        List<StunServer> stun,
        List<TurnServer> turn,
        Set<String> blockedInterfaces,
        int wireGuardPort,
        Set<String> allowedInterfaces,
        IceTimings timings,
        List<String> problems,
        RelayTrust relayTrust,
        RelayTransportMemory transports) {

    public IceSettings {
        stun = List.copyOf(Objects.requireNonNull(stun, "stun"));
        turn = List.copyOf(Objects.requireNonNull(turn, "turn"));
        blockedInterfaces = Set.copyOf(blockedInterfaces == null ? Set.of() : blockedInterfaces);
        allowedInterfaces = Set.copyOf(allowedInterfaces == null ? Set.of() : allowedInterfaces);
        timings = timings == null ? IceTimings.defaults() : timings;
        problems = List.copyOf(problems == null ? List.of() : problems);
        relayTrust = relayTrust == null ? RelayTrust.systemDefault() : relayTrust;
        transports = transports == null ? new RelayTransportMemory() : transports;
        if (wireGuardPort < 1 || wireGuardPort > 65535) {
            throw new IllegalArgumentException("WireGuard port " + wireGuardPort + " is out of range 1-65535");
        }
    }

    public IceSettings(List<StunServer> stun, List<TurnServer> turn, Set<String> blockedInterfaces, int wireGuardPort) {
        this(stun, turn, blockedInterfaces, wireGuardPort, Set.of(), IceTimings.defaults(), List.of(), null, null);
    }

    /**
     * Builds settings from the URIs the management server hands out. An invalid or unsupported URI (e.g.
     * {@code stuns:}, {@code transport=sctp}, a bad port) is left out and reported in {@link #problems()};
     * duplicates are dropped. Never throws for bad URIs.
     */
    public static IceSettings parse(List<String> stunUris, List<TurnUri> turnUris, Set<String> blockedInterfaces,
            int wireGuardPort) {
        List<String> problems = new ArrayList<>();
        Set<StunServer> stun = new LinkedHashSet<>();
        for (String uri : stunUris == null ? List.<String>of() : stunUris) {
            try {
                stun.add(StunServer.parse(uri));
            } catch (IllegalArgumentException e) {
                problems.add("STUN server refused: " + e.getMessage());
            }
        }
        Set<TurnServer> turn = new LinkedHashSet<>();
        for (TurnUri uri : turnUris == null ? List.<TurnUri>of() : turnUris) {
            if (uri == null) {
                problems.add("TURN server refused: null entry");
                continue;
            }
            try {
                turn.add(TurnServer.parse(uri.uri(), uri.username(), uri.password()));
            } catch (IllegalArgumentException e) {
                problems.add("TURN server refused: " + e.getMessage());
            }
        }
        return new IceSettings(List.copyOf(stun), List.copyOf(turn), blockedInterfaces, wireGuardPort, Set.of(),
                IceTimings.defaults(), problems, null, null);
    }

    public IceSettings withAllowedInterfaces(Set<String> interfaces) {
        return new IceSettings(stun, turn, blockedInterfaces, wireGuardPort, interfaces, timings, problems, relayTrust,
                transports);
    }

    public IceSettings withTimings(IceTimings value) {
        return new IceSettings(stun, turn, blockedInterfaces, wireGuardPort, allowedInterfaces, value, problems,
                relayTrust, transports);
    }

    public IceSettings withWireGuardPort(int port) {
        return new IceSettings(stun, turn, blockedInterfaces, port, allowedInterfaces, timings, problems, relayTrust,
                transports);
    }

    public IceSettings withServers(List<StunServer> stunServers, List<TurnServer> turnServers) {
        return new IceSettings(stunServers, turnServers, blockedInterfaces, wireGuardPort, allowedInterfaces, timings,
                problems, relayTrust, transports);
    }

    public IceSettings withRelayTrust(RelayTrust trust) {
        return new IceSettings(stun, turn, blockedInterfaces, wireGuardPort, allowedInterfaces, timings, problems,
                trust, transports);
    }

    /** The same settings sharing {@code memory} instead (tests: a memory with their own clock or re-probe delay). */
    public IceSettings withTransports(RelayTransportMemory memory) {
        return new IceSettings(stun, turn, blockedInterfaces, wireGuardPort, allowedInterfaces, timings, problems,
                relayTrust, memory);
    }

    /** Whether host candidates may be gathered on {@code interfaceName}. */
    boolean interfaceUsable(String interfaceName) {
        if (!allowedInterfaces.isEmpty() && !allowedInterfaces.contains(interfaceName)) {
            return false;
        }
        return !blockedInterfaces.contains(interfaceName);
    }
}
