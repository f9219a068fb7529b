package io.netloom.daemon.sync;

import io.netloom.daemon.state.TurnCredentialsFile;
import io.netloom.daemon.status.RecentProblems;
import io.netloom.enrollment.PeerConfiguration;
import io.netloom.gateway.protocol.TurnCredentialsMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the TURN credentials this device relays with: its enrollment's at first, then each renewal the gateway sends
 * on the signed-in session (ADR 0018), saved before use. A renewal is refused, logged and listed among the problems,
 * and the held credentials stay, when it names a TURN server enrollment did not (a gateway cannot steer relayed
 * traffic elsewhere) or was issued no later than those held (a replay). Issue times, not expiries, are compared:
 * after the server's lifetime or secret changed, fresh credentials may well expire before older ones. Credentials
 * are never logged.
 */
public final class TurnCredentialKeeper {

    private static final Logger log = LoggerFactory.getLogger(TurnCredentialKeeper.class);

    /** Credentials in use; {@code lifetime} is null for enrollment's, whose issue time the device does not know. */
    public record Held(List<PeerConfiguration.TurnServer> servers, Duration lifetime) {

        public Held {
            servers = List.copyOf(servers);
        }

        /** When they expire (the server's clock), or null without TURN servers. */
        public Instant expiresAt() {
            return servers.isEmpty() ? null : servers.get(0).expiresAt();
        }

        /** When the server issued them (its clock), or null when unknown (enrollment's). */
        Instant issuedAt() {
            return lifetime == null || servers.isEmpty() ? null : expiresAt().minus(lifetime);
        }
    }

    private final Set<String> enrolledUris;
    private final TurnCredentialsFile file;
    private final RecentProblems problems;
    private volatile Held current;
    private volatile Consumer<Held> user = held -> { };

    /**
     * Starts from the kept credentials when they are for the enrolled servers: they came after the enrollment,
     * which removes those of an earlier one ({@code DeviceEnrollment}).
     */
    public TurnCredentialKeeper(List<PeerConfiguration.TurnServer> enrolled, Optional<TurnCredentialsFile.Kept> kept,
            TurnCredentialsFile file, RecentProblems problems) {
        this.enrolledUris = enrolled.stream().map(PeerConfiguration.TurnServer::uri).collect(Collectors.toUnmodifiableSet());
        this.file = file;
        this.problems = problems;
        this.current = kept.map(k -> new Held(k.servers(), Duration.ofSeconds(k.validForSeconds())))
                .filter(held -> foreignUris(held.servers()).isEmpty())
                .orElse(new Held(enrolled, null));
    }

    public Held current() {
        return current;
    }

    /** From now on, every accepted renewal is handed to {@code user}. */
    public void useWith(Consumer<Held> user) {
        this.user = user;
    }

    /** A renewal from the gateway, already decoded. */
    public void receive(TurnCredentialsMessage.Grant grant) {
        Set<String> foreign = foreignUris(grant.servers());
        if (!foreign.isEmpty()) {
            refuse("ignored TURN credentials for " + foreign + ", which this device's enrollment does not name");
            return;
        }
        Held held = new Held(grant.servers(), grant.validFor());
        if (!isNewer(held, current)) {
            refuse("ignored TURN credentials issued at " + held.issuedAt() + ", no later than those held");
            return;
        }
        try {
            file.write(grant.servers(), grant.validFor());
        } catch (IOException e) {
            problems.add("TURN credentials not saved (used until the daemon stops): " + e.getMessage());
        }
        current = held;
        log.info("received TURN credentials for {} server(s), valid until {}", held.servers().size(), held.expiresAt());
        user.accept(held);
    }

    private Set<String> foreignUris(List<PeerConfiguration.TurnServer> servers) {
        return servers.stream().map(PeerConfiguration.TurnServer::uri).filter(uri -> !enrolledUris.contains(uri))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isNewer(Held candidate, Held held) {
        return held.issuedAt() == null || candidate.issuedAt().isAfter(held.issuedAt());
    }

    private void refuse(String problem) {
        log.warn(problem);
        problems.add(problem);
    }
}
