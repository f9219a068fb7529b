package io.netloom.server.identity;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import java.io.Serial;
import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A person who proved who they are on the sign-in page: the principal of the browser session, and
 * of the authorizations (device codes, authorization codes) that session approves.
 */
public final class SignedInPerson extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UserId userId;
    private final AccountId accountId;
    private final String email;

    /** {@code signedInAt} becomes the ID token's {@code auth_time}: when the person last proved a password. */
    public SignedInPerson(UserId userId, AccountId accountId, String email, Instant signedInAt) {
        super(List.of(new SimpleGrantedAuthority("ROLE_PERSON"),
                FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                        .issuedAt(signedInAt).build()));
        this.userId = userId;
        this.accountId = accountId;
        this.email = email;
        setAuthenticated(true);
    }

    public UserId userId() {
        return userId;
    }

    public AccountId accountId() {
        return accountId;
    }

    public String email() {
        return email;
    }

    @Override
    public String getName() {
        return userId.value();
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return userId.value();
    }
}
