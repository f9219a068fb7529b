package io.netloom.domain.peer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a peer's login falls due, as NetBird's {@code LoginExpired} and {@code SessionExpired} decide: only a
 * peer a person enrolled can expire (setup-key peers never do), each expiry only while the peer's own switch
 * for it is on, and inactivity only counts while the peer is disconnected. The account's switches and periods
 * are the caller's to apply; a peer whose login already expired has nothing further due.
 *
 * @param lastLogin when a person last signed in on the peer (its enrollment, at first)
 * @param lastSeen when the peer last connected or disconnected; null if it never connected
 */
public record PeerLoginStanding(
        boolean enrolledByUser,
        boolean loginExpirationEnabled,
        boolean inactivityExpirationEnabled,
        Instant lastLogin,
        boolean connected,
        Instant lastSeen,
        boolean loginExpired) {

    /** NetBird switches inactivity expiry on for every peer a person enrolls, unless the peer is ephemeral. */
    public static boolean inactivityExpirationAtEnrollment(PeerEnrolledEvent event) {
        return event.enrolledByUser() != null && !event.ephemeral();
    }

    public Optional<Instant> dueAt(LoginExpiryReason reason, Duration expiration) {
        if (!enrolledByUser || loginExpired) {
            return Optional.empty();
        }
        return switch (reason) {
            case LOGIN_EXPIRED -> loginExpirationEnabled ? Optional.of(lastLogin.plus(expiration)) : Optional.empty();
            case INACTIVE -> inactivityExpirationEnabled && !connected
                    ? Optional.of((lastSeen == null ? lastLogin : lastSeen).plus(expiration))
                    : Optional.empty();
            // Ended by the identity provider when it says so (EndPeerLoginCommand), never by a deadline.
            case SIGNED_OUT -> Optional.empty();
        };
    }

    public boolean isDue(LoginExpiryReason reason, Duration expiration, Instant now) {
        return dueAt(reason, expiration).filter(due -> !due.isAfter(now)).isPresent();
    }
}
