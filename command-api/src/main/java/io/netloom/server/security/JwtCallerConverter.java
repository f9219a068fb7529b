package io.netloom.server.security;

import io.netloom.domain.user.GroupsClaim;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Resolves a JWT to a live, unblocked user on every request: one traded for a personal access token
 * only while that token still exists; one issued to a person who signed in (no token id) only for
 * that person in that account.
 */
final class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ACCOUNT_CLAIM = "account_id";
    static final String TOKEN_CLAIM = "token_id";
    /** The group names an upstream provider gave at the person's sign-in (ADR 0022), whatever it called its claim. */
    static final String GROUPS_CLAIM = "groups";
    /** Why the upstream provider's groups claim was ignored: its groups must then stay as they are, not be emptied. */
    static final String GROUPS_IGNORED_CLAIM = "groups_ignored";

    private final Callers callers;

    JwtCallerConverter(Callers callers) {
        this.callers = callers;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String tokenId = jwt.getClaimAsString(TOKEN_CLAIM);
        if (tokenId == null) {
            return callers.byPersonJwt(jwt.getSubject(), jwt.getClaimAsString(ACCOUNT_CLAIM))
                    .map(caller -> CallerAuthentication.signedInPerson(caller, groupsClaim(jwt)))
                    .orElseThrow(() -> new InvalidBearerTokenException(
                            "the token's user no longer exists in its account, or the user is blocked"));
        }
        return callers.byJwt(jwt.getSubject(), tokenId)
                .map(CallerAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException(
                        "the token's user or its personal access token no longer exists, or the user is blocked"));
    }

    /** None after the embedded store's sign-in; re-checked as any provider's claim is, though Netloom signed it. */
    static GroupsClaim groupsClaim(Jwt jwt) {
        String ignoredBecause = jwt.getClaimAsString(GROUPS_IGNORED_CLAIM);
        if (ignoredBecause != null && !ignoredBecause.isBlank()) {
            return new GroupsClaim(List.of(), ignoredBecause);
        }
        return GroupsClaim.fromToken(jwt.getClaim(GROUPS_CLAIM));
    }
}
