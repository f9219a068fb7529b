package io.netloom.server.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a personal access token or a JWT, resolved to its {@link Caller}. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final boolean signedInPerson;

    public CallerAuthentication(Caller caller) {
        this(caller, false);
    }

    private CallerAuthentication(Caller caller, boolean signedInPerson) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        this.signedInPerson = signedInPerson;
        setAuthenticated(true);
    }

    /** A person's access token from signing in through the CLI, rather than anything traded for a personal access token. */
    public static CallerAuthentication signedInPerson(Caller caller) {
        return new CallerAuthentication(caller, true);
    }

    /** Whether a person signed in to get this credential: only such a credential enrolls a device as theirs. */
    public boolean isSignedInPerson() {
        return signedInPerson;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }
}
