package io.netloom.server.identity.logout;

import io.netloom.domain.peer.EndPeerLoginCommand;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.IdentityLink;
import io.netloom.server.api.AccountLocks;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.identity.SignInAuthorizations;
import io.netloom.server.identity.UpstreamProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What a valid logout token does (ADR 0027): the person's session at their provider ended, so every device they
 * signed in stops taking part in maps until they sign in on it again (its login expires, reason {@code SIGNED_OUT}),
 * their Netloom browser sessions are over, and sign-ins they approved but no device has completed are forgotten.
 * Not a block: they may sign in again at once, and the same peers come back with the same keys and addresses.
 */
@Service
public class BackChannelLogouts {

    private static final Logger log = LoggerFactory.getLogger(BackChannelLogouts.class);

    private final Directory directory;
    private final UpstreamSessionIndex sessions;
    private final SignedOutPeople signedOut;
    private final SignInAuthorizations authorizations;
    private final Commands commands;
    private final AccountLocks locks;
    private final Clock clock;

    public BackChannelLogouts(Directory directory, UpstreamSessionIndex sessions, SignedOutPeople signedOut,
            SignInAuthorizations authorizations, Commands commands, AccountLocks locks, Clock clock) {
        this.directory = directory;
        this.sessions = sessions;
        this.signedOut = signedOut;
        this.authorizations = authorizations;
        this.commands = commands;
        this.locks = locks;
        this.clock = clock;
    }

    /** Ends the logins of the person the token names; a person Netloom does not know is nothing to do. */
    public void loggedOut(UpstreamProvider provider, LogoutToken token) {
        Optional<UpstreamSessionIndex.Person> person = personOf(provider, token);
        if (person.isEmpty()) {
            log.info("Back-channel logout from {} (jti {}) names no person known here", provider.id(),
                    token.tokenId());
            return;
        }
        UpstreamSessionIndex.Person known = person.get();
        Instant now = clock.instant();
        // First, so that no browser session of theirs approves a device while the peers' logins end.
        signedOut.signedOut(known.userId(), now);
        int forgotten = authorizations.removeAllOf(known.userId().value());
        int ended = locks.withLock(known.accountId(), () -> {
            List<EndPeerLoginCommand> steps = directory.account(known.accountId()).map(AccountRecords::peers)
                    .orElse(List.of()).stream()
                    .filter(peer -> known.userId().equals(peer.enrolledByUser()))
                    // A provider posts one token per session: the second finds the logins already ended.
                    .filter(peer -> !peer.loginExpired())
                    .map(peer -> new EndPeerLoginCommand(peer.id(), known.accountId(), now)).toList();
            if (!steps.isEmpty()) {
                commands.sendAtomically(steps, new Initiator("back-channel-logout:" + provider.id()));
            }
            return steps.size();
        });
        log.info("Back-channel logout from {} (jti {}): user {} signed out, {} peer login(s) ended, "
                + "{} pending sign-in(s) dropped", provider.id(), token.tokenId(), known.userId(), ended, forgotten);
    }

    /**
     * The session's person if a sign-in noted it; else the subject's, through the identity link when the provider
     * identifies people by {@code sub} (the default), or as a sign-in noted it.
     */
    private Optional<UpstreamSessionIndex.Person> personOf(UpstreamProvider provider, LogoutToken token) {
        Optional<UpstreamSessionIndex.Person> bySession = token.sessionId()
                .flatMap(sid -> sessions.bySession(provider.id(), sid));
        if (bySession.isPresent() || token.subject().isEmpty()) {
            return bySession;
        }
        String subject = token.subject().get();
        if ("sub".equals(provider.userClaim())) {
            Optional<UpstreamSessionIndex.Person> linked = provider.accountAmong(directory.accountIds())
                    .flatMap(account -> directory.userByIdentity(new IdentityLink(account, provider.id(), subject)))
                    .map(user -> new UpstreamSessionIndex.Person(user.id(), user.accountId()));
            if (linked.isPresent()) {
                return linked;
            }
        }
        return sessions.bySubject(provider.id(), subject);
    }
}
