package io.netloom.server.identity;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.RecordUserSignInCommand;
import io.netloom.projections.directory.LocalCredential;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.login.UserLogins;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Records that a person signed in, as the person (the event's actor is the user): the user's
 * {@code last_login} and the history's "who signed in, when, with which provider" come from here.
 * A person the account's {@code jwt_allow_groups} turns away is refused here, before any session
 * exists (ADR 0021). The device's login (groups sync, login renewal) is recorded when the device
 * enrolls with the token this sign-in leads to ({@code PersonEnrollment}), where the device is known.
 */
@Service
public class PersonSignIns {

    /** The identity provider name of the embedded user store in sign-in events. */
    public static final String EMBEDDED_PROVIDER = "embedded";

    private final Commands commands;
    private final UserLogins logins;
    private final Clock clock;

    public PersonSignIns(Commands commands, UserLogins logins, Clock clock) {
        this.commands = commands;
        this.logins = logins;
        this.clock = clock;
    }

    /**
     * A person signed in with the embedded user store; refused (403, with the reason for the person) if the user
     * has been blocked meanwhile or the account admits only members of groups the person is not in. The embedded
     * store knows no groups claim: to {@code jwt_allow_groups}, its people have none.
     */
    public SignedInPerson signedIn(LocalCredential credential) {
        logins.refusal(credential.accountId(), credential.userId(), false, GroupsClaim.of(null)).ifPresent(refusal -> {
            throw CommandRejectedException.permissionDenied(refusal);
        });
        Instant now = clock.instant();
        commands.send(new RecordUserSignInCommand(credential.userId(), credential.accountId(), EMBEDDED_PROVIDER,
                credential.userId().value(), now), new Initiator(credential.userId().value()));
        return new SignedInPerson(credential.userId(), credential.accountId(), credential.email(), now);
    }
}
