package io.netloom.daemon.ice;

import io.netloom.daemon.relay.RelayTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which of this device's STUN and TURN endpoints the network it is on leaves unanswered, so that a gathering does
 * not wait for them again (ADR 0041). One per daemon, shared by every {@link PeerConnection} (through
 * {@link IceSettings}); thread-safe; time comes from the injected clock.
 *
 * <p>The policy, in full:
 * <ul>
 *   <li>An endpoint becomes <em>suspect</em> when an attempt on it got no answer at all (a timeout, a TCP connect
 *       or TLS handshake that timed out) in a gathering where another endpoint did answer: the network is up, yet
 *       this transport got nothing through. Only silence counts, because only silence is slow (3 s per attempt); a
 *       refused or unreachable attempt fails within a round trip and is simply tried again.
 *   <li>A suspect is probed at once in the background ({@link #learn} returns it to the caller): if the probe gets
 *       no answer either, the endpoint is remembered as <em>silent</em>; if it answers, the silence was a moment's
 *       (a relay restarting while its UDP port dropped requests) and is forgotten. Suspects are not skipped.
 *   <li>A gathering skips every silent endpoint: no STUN request to it, no allocation on it.
 *   <li>An answer of any kind from an endpoint (a granted allocation, a STUN response, even an error response)
 *       forgets its silence.
 *   <li>When every relay tried in a gathering was silent and nothing answered, the network is not what the memory
 *       describes (or is gone): everything is forgotten and the next gathering tries every transport again.
 *   <li>A silent endpoint is probed again in the background, off the gathering's path, when a gathering skips it
 *       and it has been silent for {@code reprobeAfter} or longer; one probe at a time per endpoint. An answer
 *       forgets the silence, so the next gathering uses the better transport again.
 *   <li>The network is the set of this device's host addresses: when it changes (another Wi-Fi, a cable, a VPN
 *       coming up), everything is forgotten.
 * </ul>
 */
public final class RelayTransportMemory {

    /** How long a silent endpoint is skipped before a gathering that skips it probes it again in the background. */
    static final Duration REPROBE_AFTER = Duration.ofMinutes(1);

    /** How one attempt on an endpoint ended. */
    enum Outcome {
        /** Anything came back: the transport gets through. */
        ANSWERED,
        /** Nothing came back before the timeout: what this memory is for. */
        SILENT,
        /** Refused or unreachable within a round trip (relay down, port closed): says nothing about the network. */
        REFUSED
    }

    /** A server's address and the transport to it: a STUN server is {@link RelayTransport#UDP} to its address. */
    record Endpoint(String host, int port, RelayTransport transport) {

        Endpoint {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(transport, "transport");
        }

        static Endpoint of(TurnServer server) {
            return new Endpoint(server.host(), server.port(), server.transport());
        }

        static Endpoint of(StunServer server) {
            return new Endpoint(server.host(), server.port(), RelayTransport.UDP);
        }

        String transportName() {
            return transport.name().toLowerCase(Locale.ROOT);
        }

        String server() {
            return IceUris.hostForUri(host) + ":" + port;
        }
    }

    /**
     * One attempt of a gathering: {@code relay} for an allocation, otherwise a STUN request; {@code reason} says
     * what a silent one got (e.g. {@code no response}, {@code connect timed out}).
     */
    record Attempt(Endpoint endpoint, Outcome outcome, boolean relay, String reason) {

        Attempt {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Why an endpoint is skipped: what its last attempt or probe got ({@code reason}), and when. */
    record Silence(String reason, Instant at) {

        /** E.g. {@code no response 40 s ago}. */
        String describe(Instant now) {
            return reason + " " + ago(Duration.between(at, now)) + " ago";
        }

        static String ago(Duration duration) {
            long seconds = Math.max(0, duration.toSeconds());
            return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
        }
    }

    /**
     * What a gathering does with its endpoints: {@code skipped} (with why), and {@code reprobe}, the skipped ones
     * the caller is to probe in the background now (each reported back through {@link #probed}).
     */
    record Plan(Map<Endpoint, Silence> skipped, List<Endpoint> reprobe) {

        Plan {
            skipped = Map.copyOf(skipped);
            reprobe = List.copyOf(reprobe);
        }

        Optional<Silence> skips(Endpoint endpoint) {
            return Optional.ofNullable(skipped.get(endpoint));
        }
    }

    private static final class Entry {
        String reason;
        Instant at;
        /** Silent in a probe too, not only in the gathering that made it a suspect: only then is it skipped. */
        boolean confirmed;
        boolean probing;

        Entry(String reason, Instant at) {
            this.reason = reason;
            this.at = at;
            this.probing = true;
        }
    }

    private final Clock clock;
    private final Duration reprobeAfter;
    private final Map<Endpoint, Entry> entries = new HashMap<>();
    private Set<String> network = Set.of();

    /** With the wall clock and {@link #REPROBE_AFTER}. */
    public RelayTransportMemory() {
        this(Clock.systemUTC(), REPROBE_AFTER);
    }

    public RelayTransportMemory(Clock clock, Duration reprobeAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reprobeAfter = Objects.requireNonNull(reprobeAfter, "reprobeAfter");
        if (reprobeAfter.isNegative()) {
            throw new IllegalArgumentException("reprobeAfter is negative");
        }
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Which of {@code endpoints} a gathering on {@code network} (this device's host addresses) skips, and which of
     * those are to be probed now; the latter count as probing until {@link #probed} reports them.
     */
    synchronized Plan plan(Set<String> network, Collection<Endpoint> endpoints) {
        enter(network);
        Instant now = clock.instant();
        Map<Endpoint, Silence> skipped = new LinkedHashMap<>();
        List<Endpoint> reprobe = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Entry entry = entries.get(endpoint);
            if (entry == null || !entry.confirmed || skipped.containsKey(endpoint)) {
                continue;
            }
            skipped.put(endpoint, new Silence(entry.reason, entry.at));
            if (!entry.probing && Duration.between(entry.at, now).compareTo(reprobeAfter) >= 0) {
                entry.probing = true;
                reprobe.add(endpoint);
            }
        }
        return new Plan(skipped, reprobe);
    }

    /**
     * What a gathering on {@code network} found; returns the endpoints it made suspects, which the caller is to
     * probe in the background now (each reported back through {@link #probed}).
     */
    synchronized List<Endpoint> learn(Set<String> network, List<Attempt> attempts) {
        enter(network);
        boolean answered = attempts.stream().anyMatch(attempt -> attempt.outcome() == Outcome.ANSWERED);
        if (answered) {
            Instant now = clock.instant();
            List<Endpoint> suspects = new ArrayList<>();
            for (Attempt attempt : attempts) {
                if (attempt.outcome() == Outcome.SILENT && !answeredIn(attempts, attempt.endpoint())) {
                    String reason = attempt.reason() == null ? "no response" : attempt.reason();
                    Entry entry = entries.get(attempt.endpoint());
                    if (entry == null) {
                        entries.put(attempt.endpoint(), new Entry(reason, now));
                        suspects.add(attempt.endpoint());
                    } else if (entry.confirmed) {
                        entry.reason = reason;
                        entry.at = now;
                    }
                }
            }
            attempts.stream().filter(attempt -> attempt.outcome() == Outcome.ANSWERED)
                    .forEach(attempt -> entries.remove(attempt.endpoint()));
            return suspects;
        }
        List<Attempt> relays = attempts.stream().filter(Attempt::relay).toList();
        if (!relays.isEmpty() && relays.stream().allMatch(attempt -> attempt.outcome() == Outcome.SILENT)) {
            entries.clear();
        }
        return List.of();
    }

    /**
     * What a background probe of {@code endpoint}, planned on {@code network}, got. Silence confirms a suspect and
     * keeps a silent endpoint skipped for another {@code reprobeAfter}; an answer forgets it; a refusal (the relay
     * down or restarting) clears a suspect, whose silence it explains, and keeps a confirmed one skipped.
     */
    synchronized void probed(Set<String> network, Endpoint endpoint, Outcome outcome, String reason) {
        Entry entry = entries.get(endpoint);
        if (!network.equals(this.network) || entry == null) {
            return; // the network changed meanwhile, or a gathering heard from the endpoint: nothing to update
        }
        if (outcome == Outcome.ANSWERED || (outcome == Outcome.REFUSED && !entry.confirmed)) {
            entries.remove(endpoint);
            return;
        }
        if (outcome == Outcome.SILENT) {
            entry.reason = reason;
        }
        entry.at = clock.instant();
        entry.confirmed = true;
        entry.probing = false;
    }

    /** Why {@code endpoint} is skipped, if it is. */
    synchronized Optional<Silence> silence(Endpoint endpoint) {
        Entry entry = entries.get(endpoint);
        return entry == null || !entry.confirmed ? Optional.empty() : Optional.of(new Silence(entry.reason, entry.at));
    }

    private void enter(Set<String> current) {
        if (!current.equals(network)) {
            entries.clear();
            network = Set.copyOf(current);
        }
    }

    private static boolean answeredIn(List<Attempt> attempts, Endpoint endpoint) {
        return attempts.stream().anyMatch(attempt -> attempt.endpoint().equals(endpoint)
                && attempt.outcome() == Outcome.ANSWERED);
    }
}
