package io.netloom.server.identity;

import io.netloom.domain.user.RecordUserSignInCommand;
import io.netloom.projections.directory.LocalCredential;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Records that a person signed in, as the person (the event's actor is the user): the user's
 * {@code last_login} and the history's "who signed in, when, with which provider" come from here.
 * This is the one place a sign-in becomes commands: login expiry and groups sync at login (the
 * {@code login-expiry} work of issue 11) add their command here.
 */
@Service
public class PersonSignIns {

    /** The identity provider name of the embedded user store in sign-in events. */
    public static final String EMBEDDED_PROVIDER = "embedded";

    private final Commands commands;
    private final Clock clock;

    public PersonSignIns(Commands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** A person signed in with the embedded user store; refused (403) if the user has been blocked meanwhile. */
    public SignedInPerson signedIn(LocalCredential credential) {
        Instant now = clock.instant();
        commands.send(new RecordUserSignInCommand(credential.userId(), credential.accountId(), EMBEDDED_PROVIDER,
                credential.userId().value(), now), new Initiator(credential.userId().value()));
        return new SignedInPerson(credential.userId(), credential.accountId(), credential.email(), now);
    }
}
