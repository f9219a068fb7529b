package io.netloom.server.identity;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.GroupsClaim;
import java.io.Serial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A person who proved who they are on the sign-in page, with the embedded user store's password or through an
 * upstream provider: the principal of the browser session, and of the authorizations (device codes, authorization
 * codes) that session approves. After an upstream sign-in it keeps the groups claim the provider sent, which the
 * access tokens it leads to carry to the device's enrollment (ADR 0022).
 */
public final class SignedInPerson extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Plain values, not the domain's ids: the person travels in serialized sessions and authorizations (ADR 0061). */
    private final String userId;
    private final String accountId;
    private final String email;
    private final Instant signedInAt;
    /** The upstream provider's group names (null: the embedded store, which knows no groups); plain for sessions. */
    private final ArrayList<String> upstreamGroups;
    private final String upstreamGroupsIgnoredBecause;

    /** {@code signedInAt} becomes the ID token's {@code auth_time}: when the person last proved a password. */
    public SignedInPerson(UserId userId, AccountId accountId, String email, Instant signedInAt) {
        this(userId, accountId, email, signedInAt, FactorGrantedAuthority.PASSWORD_AUTHORITY, null);
    }

    private SignedInPerson(UserId userId, AccountId accountId, String email, Instant signedInAt, String factor,
            GroupsClaim upstreamClaim) {
        super(List.of(new SimpleGrantedAuthority("ROLE_PERSON"),
                FactorGrantedAuthority.withAuthority(factor).issuedAt(signedInAt).build()));
        this.userId = userId.value();
        this.accountId = accountId.value();
        this.email = email;
        this.signedInAt = signedInAt;
        this.upstreamGroups = upstreamClaim == null ? null : new ArrayList<>(upstreamClaim.names());
        this.upstreamGroupsIgnoredBecause = upstreamClaim == null ? "" : upstreamClaim.ignoredBecause();
        setAuthenticated(true);
    }

    /** A person an upstream provider signed in (the authorization code flow), with the groups it said they are in. */
    public static SignedInPerson federated(UserId userId, AccountId accountId, String email, Instant signedInAt,
            GroupsClaim groups) {
        return new SignedInPerson(userId, accountId, email, signedInAt, FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY,
                groups);
    }

    /** The groups claim of the upstream sign-in; empty after a sign-in with the embedded user store. */
    public Optional<GroupsClaim> upstreamGroups() {
        return upstreamGroups == null ? Optional.empty()
                : Optional.of(new GroupsClaim(upstreamGroups, upstreamGroupsIgnoredBecause));
    }

    public UserId userId() {
        return new UserId(userId);
    }

    public AccountId accountId() {
        return new AccountId(accountId);
    }

    public String email() {
        return email;
    }

    /** When the person proved who they are; a session from before their provider signed them out is over. */
    public Instant signedInAt() {
        return signedInAt;
    }

    @Override
    public String getName() {
        return userId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return userId;
    }
}
