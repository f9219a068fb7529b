package io.netloom.server.identity;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.CreateFederatedUserCommand;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.RecordUserSignInCommand;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.SignInGate;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.IdentityLink;
import io.netloom.projections.directory.UserView;
import io.netloom.server.api.AccountLocks;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.identity.logout.UpstreamSessionIndex;
import io.netloom.server.login.UserLogins;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Service;

/**
 * A person an upstream provider signed in (its ID token already validated by Spring Security: signature through
 * the provider's keys, issuer, audience, nonce, expiry) becomes a Netloom user (ADR 0022): the user linked to the
 * provider's subject, or, at the first sign-in, a new one (role {@code user}, {@code issued: integration}) in the
 * provider's account. The account's {@code jwt_allow_groups} is asked with the provider's real groups claim, blocked
 * users are refused, and the sign-in is an event with the person as actor, as with the embedded store.
 */
@Service
public class FederatedSignIns {

    private static final Logger log = LoggerFactory.getLogger(FederatedSignIns.class);
    private static final int MAX_SUBJECT_LENGTH = 255;

    private final Directory directory;
    private final Commands commands;
    private final UserLogins logins;
    private final AccountLocks locks;
    private final UpstreamSessionIndex sessions;
    private final Clock clock;

    public FederatedSignIns(Directory directory, Commands commands, UserLogins logins, AccountLocks locks,
            UpstreamSessionIndex sessions, Clock clock) {
        this.directory = directory;
        this.sessions = sessions;
        this.commands = commands;
        this.logins = logins;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * The person, signed in; a {@link CommandRejectedException} (permission denied) with the sentence to show them
     * when they may not sign in. Nothing is recorded for a refused person.
     */
    public SignedInPerson signedIn(UpstreamProvider provider, OidcUser person) {
        String subject = subjectOf(provider, person);
        GroupsClaim groups = GroupsClaim.fromToken(person.getClaims().get(provider.groupsClaim()));
        if (groups.isIgnored()) {
            // The provider's fault, not the person's: they sign in, their groups stay as they were.
            log.warn("Ignoring the '{}' claim of {} for subject {}: {}", provider.groupsClaim(), provider.id(),
                    subject, groups.ignoredBecause());
        }
        AccountId accountId = accountOf(provider);
        String email = usableEmail(person.getEmail());
        Instant now = clock.instant();
        IdentityLink link = new IdentityLink(accountId, provider.id(), subject);
        UserId userId = locks.withLock(accountId, () -> {
            Optional<UserView> known = directory.userByIdentity(link);
            if (known.isPresent()) {
                return signedInAgain(provider, known.get(), subject, groups, now);
            }
            return created(provider, accountId, subject, email, nameOf(person), groups, now);
        });
        // A logout token may name only the provider's session, or its subject when people are known by another claim.
        sessions.signedIn(provider.id(), person.getSubject(), Optional.ofNullable(person.getIdToken())
                .map(token -> token.getClaimAsString("sid")), new UpstreamSessionIndex.Person(userId, accountId));
        return SignedInPerson.federated(userId, accountId,
                directory.user(userId).map(UserView::email).filter(known -> !known.isEmpty()).orElse(email), now,
                groups);
    }

    private UserId signedInAgain(UpstreamProvider provider, UserView user, String subject, GroupsClaim groups,
            Instant now) {
        if (user.blocked()) {
            throw CommandRejectedException.permissionDenied("Your user is blocked. Ask an administrator.");
        }
        logins.refusal(user.accountId(), user.id(), false, groups).ifPresent(refusal -> {
            throw CommandRejectedException.permissionDenied(refusal);
        });
        commands.send(new RecordUserSignInCommand(user.id(), user.accountId(), provider.id(), subject, now),
                new Initiator(user.id().value()));
        return user.id();
    }

    private UserId created(UpstreamProvider provider, AccountId accountId, String subject, String email, String name,
            GroupsClaim groups, Instant now) {
        AccountRecords records = directory.account(accountId).orElseThrow(() -> unknownAccount(provider));
        // Asked before the user exists: a person the account turns away leaves no user behind.
        SignInGate.refusal(records.account().settings().jwtGroups(), Role.USER, false, groups).ifPresent(refusal -> {
            throw CommandRejectedException.permissionDenied(refusal);
        });
        UserId userId = UserId.random();
        commands.send(new CreateFederatedUserCommand(userId, accountId, email, name, provider.id(), subject, now),
                new Initiator(userId.value()));
        log.info("Created user {} in account {} at the first sign-in of {} subject {}", userId, accountId,
                provider.id(), subject);
        return userId;
    }

    private static String subjectOf(UpstreamProvider provider, OidcUser person) {
        Object claim = person.getClaims().get(provider.userClaim());
        if (!(claim instanceof String subject) || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH
                || subject.chars().anyMatch(Character::isISOControl)) {
            log.warn("{} signed a person in without a usable '{}' claim", provider.id(), provider.userClaim());
            throw CommandRejectedException.permissionDenied(provider.displayName()
                    + " did not say who you are (its '" + provider.userClaim() + "' claim is missing). "
                    + "Ask an administrator.");
        }
        return subject;
    }

    private AccountId accountOf(UpstreamProvider provider) {
        List<AccountId> accounts = directory.accountIds();
        return provider.accountAmong(accounts).orElseThrow(() -> {
            log.error("netloom.identity.providers.{}.account-id is needed: the server has {} accounts",
                    provider.id(), accounts.size());
            return CommandRejectedException.permissionDenied("Sign-in with " + provider.displayName()
                    + " is not set up completely (no account for its people). Ask an administrator.");
        });
    }

    private static CommandRejectedException unknownAccount(UpstreamProvider provider) {
        log.error("netloom.identity.providers.{}.account-id names no account of this server", provider.id());
        return CommandRejectedException.permissionDenied("Sign-in with " + provider.displayName()
                + " is not set up completely (its account does not exist). Ask an administrator.");
    }

    /** An address the user record accepts, or none: a provider's odd value must not stop the sign-in. */
    private static String usableEmail(String email) {
        String value = email == null ? "" : email.strip();
        int at = value.indexOf('@');
        boolean wellFormed = at > 0 && at == value.lastIndexOf('@') && at < value.length() - 1 && value.length() <= 320
                && value.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        return wellFormed ? value : "";
    }

    private static String nameOf(OidcUser person) {
        String name = person.getFullName();
        if (name == null || name.isBlank()) {
            name = String.join(" ", Optional.ofNullable(person.getGivenName()).orElse(""),
                    Optional.ofNullable(person.getFamilyName()).orElse("")).strip();
        }
        if (name.isBlank()) {
            name = Optional.ofNullable(person.getPreferredUsername()).orElse("");
        }
        String stripped = name.strip();
        return stripped.length() > 255 || stripped.chars().anyMatch(Character::isISOControl) ? "" : stripped;
    }
}
