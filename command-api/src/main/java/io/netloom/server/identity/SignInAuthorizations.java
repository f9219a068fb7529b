package io.netloom.server.identity;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * The authorization server's sign-ins in progress and the tokens they issued: in this process's memory when it runs
 * alone ({@link ExpiringAuthorizations}), in the cluster's Hazelcast when several processes serve one name
 * ({@link HazelcastAuthorizations}, ADR 0061), so that a device polls any process for the code a person confirmed on
 * another.
 */
public interface SignInAuthorizations extends OAuth2AuthorizationService {

    /**
     * Forgets every authorization a person approved (their name is the principal's): a device code they approved
     * but the device has not yet traded for a token, an authorization code not yet exchanged. Used when the
     * person's session at their identity provider ended (ADR 0027), so that such a sign-in does not complete.
     *
     * @return how many were forgotten
     */
    int removeAllOf(String principalName);
}
