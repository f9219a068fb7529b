package io.netloom.server.scim;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a SCIM token: it carries no user and no role, only the client's account. */
final class ScimAuthentication extends AbstractAuthenticationToken {

    private final ScimClient client;

    ScimAuthentication(ScimClient client) {
        super(List.of(new SimpleGrantedAuthority("SCIM_CLIENT")));
        this.client = client;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ScimClient getPrincipal() {
        return client;
    }
}
