package io.netloom.server.security;

import io.netloom.domain.user.GroupsClaim;
import io.netloom.server.identity.logout.SignedOutPeople;
import java.time.Instant;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Resolves a JWT to a live, unblocked user on every request: one traded for a personal access token
 * only while that token still exists; one issued to a person who signed in (no token id) only for
 * that person in that account, and only if their identity provider has not signed them out since (ADR 0027).
 */
final class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ACCOUNT_CLAIM = "account_id";
    static final String TOKEN_CLAIM = "token_id";
    /** The group names an upstream provider gave at the person's sign-in (ADR 0022), whatever it called its claim. */
    static final String GROUPS_CLAIM = "groups";
    /** Why the upstream provider's groups claim was ignored: its groups must then stay as they are, not be emptied. */
    static final String GROUPS_IGNORED_CLAIM = "groups_ignored";

    /**
     * When the person signed in, in epoch milliseconds: compared with a back-channel logout (ADR 0027), for which
     * {@code iat}, whole seconds, is too coarse: a person may sign in again within the second of the logout.
     */
    static final String SIGNED_IN_AT_CLAIM = "signed_in_at";

    private final Callers callers;
    private final SignedOutPeople signedOut;

    JwtCallerConverter(Callers callers, SignedOutPeople signedOut) {
        this.callers = callers;
        this.signedOut = signedOut;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String tokenId = jwt.getClaimAsString(TOKEN_CLAIM);
        if (tokenId == null) {
            Caller person = callers.byPersonJwt(jwt.getSubject(), jwt.getClaimAsString(ACCOUNT_CLAIM))
                    .orElseThrow(() -> new InvalidBearerTokenException(
                            "the token's user no longer exists in its account, or the user is blocked"));
            // A device that got its token before the logout must not complete its login with it.
            if (signedOut.isOver(person.userId(), signedInAt(jwt))) {
                throw new InvalidBearerTokenException(
                        "your identity provider signed you out after this token was issued; sign in again");
            }
            return CallerAuthentication.signedInPerson(person, groupsClaim(jwt));
        }
        return callers.byJwt(jwt.getSubject(), tokenId)
                .map(CallerAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException(
                        "the token's user or its personal access token no longer exists, or the user is blocked"));
    }

    /**
     * When the person proved who they are, to the millisecond; a token without the claim counts from its second of
     * issue, and one without either from the beginning of time.
     */
    private static Instant signedInAt(Jwt jwt) {
        if (jwt.getClaim(SIGNED_IN_AT_CLAIM) instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return jwt.getIssuedAt() == null ? Instant.MIN : jwt.getIssuedAt();
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
