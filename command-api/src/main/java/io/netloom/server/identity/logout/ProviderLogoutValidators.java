package io.netloom.server.identity.logout;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.netloom.server.identity.LazyClientRegistrations;
import io.netloom.server.identity.ProviderUnreachableException;
import io.netloom.server.identity.UpstreamProvider;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.stereotype.Component;

/**
 * One logout token validator per provider, made at the provider's first logout from the discovery document its
 * sign-ins use ({@link LazyClientRegistrations}): its issuer and key set. The key set is cached and refreshed when
 * a token names a key it lacks, at most once per 30 s (Nimbus's rate limit), so forged tokens with made-up key ids
 * do not make Netloom hammer the provider.
 */
@Component
public class ProviderLogoutValidators {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int MAX_KEY_SET_BYTES = 512 * 1024;

    private final LazyClientRegistrations registrations;
    private final Clock clock;
    private final SeenLogoutTokens seen;
    private final ConcurrentMap<String, LogoutTokenValidator> validators = new ConcurrentHashMap<>();

    public ProviderLogoutValidators(LazyClientRegistrations registrations, Clock clock) {
        this.registrations = registrations;
        this.clock = clock;
        this.seen = new SeenLogoutTokens(clock);
    }

    /**
     * The provider's validator.
     *
     * @throws ProviderUnreachableException its discovery document could not be fetched or names no usable key set
     */
    public LogoutTokenValidator of(UpstreamProvider provider) {
        return validators.computeIfAbsent(provider.id(), id -> create(provider));
    }

    private LogoutTokenValidator create(UpstreamProvider provider) {
        ClientRegistration registration = registrations.resolve(provider);
        ClientRegistration.ProviderDetails details = registration.getProviderDetails();
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(URI.create(details.getJwkSetUri()).toURL(),
                    new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_KEY_SET_BYTES)).build();
        } catch (MalformedURLException | RuntimeException e) {
            // Not kept: the next logout fetches the discovery document's answer again.
            throw new ProviderUnreachableException(provider, "its discovery document's jwks_uri is not a URL", e);
        }
        return new LogoutTokenValidator(provider.id(), keys, details.getIssuerUri(), provider.clientId(), clock, seen);
    }
}
