package io.netloom.server.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What a JWT presented to the API must be: RS256-signed by one of the published keys ({@code alg: none},
 * HMAC and unknown key ids are refused), within {@code exp}/{@code nbf} (both required to make sense:
 * {@code exp} must be present), issued by this server's issuer and meant for its API.
 */
final class JwtValidation {

    /** The {@code aud} Netloom's authorization server puts into its JWTs and its API requires. */
    static final String API_AUDIENCE = "netloom-api";
    /** Clock difference tolerated on {@code exp} and {@code nbf}; a retired key is kept this much longer. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private JwtValidation() {
    }

    static JwtDecoder decoder(JWKSource<SecurityContext> publishedKeys, IssuerUrl issuer, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(publishedKeys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
                new JwtIssuerValidator(issuer.value()), new JwtAudienceValidator(API_AUDIENCE)));
        return decoder;
    }
}
