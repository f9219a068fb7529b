package io.netloom.server.security;

import io.netloom.domain.user.GroupsClaim;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a personal access token or a JWT, resolved to its {@link Caller}. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final boolean signedInPerson;
    private final GroupsClaim groupsClaim;

    public CallerAuthentication(Caller caller) {
        this(caller, false, GroupsClaim.of(null));
    }

    private CallerAuthentication(Caller caller, boolean signedInPerson, GroupsClaim groupsClaim) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        this.signedInPerson = signedInPerson;
        this.groupsClaim = groupsClaim;
        setAuthenticated(true);
    }

    /**
     * A person's access token from signing in through the CLI, rather than anything traded for a personal access
     * token, with the groups claim it carries from an upstream provider's sign-in (none after the embedded store's).
     */
    public static CallerAuthentication signedInPerson(Caller caller, GroupsClaim groupsClaim) {
        return new CallerAuthentication(caller, true, groupsClaim);
    }

    /** The groups the person's identity provider named at the sign-in this credential came from (ADR 0022). */
    public GroupsClaim groupsClaim() {
        return groupsClaim;
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
