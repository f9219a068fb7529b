package io.netloom.server.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * What both stores of sign-ins in progress agree on: how long an authorization is kept, and the lookup keys of its
 * tokens (type and value), so that each store finds an authorization by every token it holds.
 */
final class AuthorizationLifetime {

    /** How long an authorization request without any token yet (a browser at a login page) is kept. */
    static final Duration UNFINISHED_LIFETIME = Duration.ofMinutes(30);
    /**
     * How long an authorization outlives its last token: a device polling with a code that just expired is told
     * {@code expired_token} (RFC 8628 section 3.5), not that the code was never issued.
     */
    static final Duration AFTER_EXPIRY = Duration.ofMinutes(10);

    private static final List<Class<? extends OAuth2Token>> TOKEN_CLASSES = List.of(OAuth2AuthorizationCode.class,
            OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class, OAuth2UserCode.class,
            OAuth2DeviceCode.class);
    private static final List<String> TOKEN_TYPES = List.of(OAuth2ParameterNames.STATE, OAuth2ParameterNames.CODE,
            OAuth2TokenType.ACCESS_TOKEN.getValue(), OAuth2TokenType.REFRESH_TOKEN.getValue(),
            OidcParameterNames.ID_TOKEN, OAuth2ParameterNames.USER_CODE, OAuth2ParameterNames.DEVICE_CODE);

    private AuthorizationLifetime() {
    }

    /** Until when an authorization saved at {@code savedAt} is kept. */
    static Instant keptUntil(OAuth2Authorization authorization, Instant savedAt) {
        return lastExpiry(authorization).map(expiry -> expiry.plus(AFTER_EXPIRY))
                .orElse(savedAt.plus(UNFINISHED_LIFETIME));
    }

    /** The lookup key of every token the authorization holds, and of its {@code state}. */
    static List<String> tokenKeys(OAuth2Authorization authorization) {
        List<String> keys = new ArrayList<>();
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        if (state != null) {
            keys.add(key(OAuth2ParameterNames.STATE, state));
        }
        addToken(keys, OAuth2ParameterNames.CODE, authorization.getToken(OAuth2AuthorizationCode.class));
        addToken(keys, OAuth2TokenType.ACCESS_TOKEN.getValue(), authorization.getToken(OAuth2AccessToken.class));
        addToken(keys, OAuth2TokenType.REFRESH_TOKEN.getValue(), authorization.getToken(OAuth2RefreshToken.class));
        addToken(keys, OidcParameterNames.ID_TOKEN, authorization.getToken(OidcIdToken.class));
        addToken(keys, OAuth2ParameterNames.USER_CODE, authorization.getToken(OAuth2UserCode.class));
        addToken(keys, OAuth2ParameterNames.DEVICE_CODE, authorization.getToken(OAuth2DeviceCode.class));
        return List.copyOf(keys);
    }

    /** The keys to look {@code token} up by: its type's, or every type's when the caller does not say. */
    static List<String> lookupKeys(String token, OAuth2TokenType tokenType) {
        List<String> types = tokenType == null ? TOKEN_TYPES : List.of(tokenType.getValue());
        return types.stream().map(type -> key(type, token)).toList();
    }

    /** When the authorization's longest-lived token expires; empty while it holds none that expires. */
    private static Optional<Instant> lastExpiry(OAuth2Authorization authorization) {
        Instant last = null;
        for (Class<? extends OAuth2Token> tokenClass : TOKEN_CLASSES) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(tokenClass);
            if (token != null) {
                Instant expiresAt = token.getToken().getExpiresAt();
                if (expiresAt == null) {
                    return Optional.empty();
                }
                if (last == null || expiresAt.isAfter(last)) {
                    last = expiresAt;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private static void addToken(List<String> keys, String type, OAuth2Authorization.Token<?> token) {
        if (token != null) {
            keys.add(key(type, token.getToken().getTokenValue()));
        }
    }

    private static String key(String type, String value) {
        return type + ' ' + value;
    }
}
