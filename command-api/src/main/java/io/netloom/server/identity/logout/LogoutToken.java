package io.netloom.server.identity.logout;

import java.time.Instant;
import java.util.Optional;

/**
 * A logout token that passed every check of OIDC Back-Channel Logout 1.0 section 2.6: the provider says the session
 * {@code sessionId} of the person {@code subject} ended (at least one of the two is present).
 */
public record LogoutToken(Optional<String> subject, Optional<String> sessionId, String tokenId, Instant issuedAt) {
}
