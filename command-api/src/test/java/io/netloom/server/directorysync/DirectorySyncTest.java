package io.netloom.server.directorysync;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.ProvisionUserCommand;
import io.netloom.domain.user.SetUserExternalIdCommand;
import io.netloom.projections.directory.Directory;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestData;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A run of the sync against a directory whose answers the test chooses (the Keycloak one is DirectorySyncKeycloakTest). */
class DirectorySyncTest extends ServerTest {

    private static final String PROVIDER = "corp";

    @Autowired
    private DirectorySync sync;
    @Autowired
    private Commands commands;
    @Autowired
    private Directory directory;

    @Test
    void runWhenAPersonIsLinkedWhileTheDirectoryIsReadThenTheyAreNotBlocked() throws Exception {
        AccountId account = new AccountId(TestData.accountId(accounts.newAccount()));
        UserId known = linkedUser(account, "sub-known", "ann@example.com");
        UserId[] joiner = new UserId[1];
        // The joiner signs in while the listing is paged, after the page that would have held them.
        DirectorySource source = new DirectorySource() {
            @Override
            public DirectorySnapshot read(Set<String> linkedSubjects, boolean withGroups) {
                joiner[0] = linkedUser(account, "sub-joiner", "bob@example.com");
                return DirectorySnapshot.of(List.of(new DirectoryPerson("sub-known", true, List.of())), false);
            }

            @Override
            public void close() {
            }
        };

        DirectorySyncOutcome outcome = sync.run(PROVIDER, account, source);

        assertThat(outcome.blocked()).isZero();
        assertThat(directory.account(account).orElseThrow().user(joiner[0]).orElseThrow().blocked()).isFalse();
        assertThat(directory.account(account).orElseThrow().user(known).orElseThrow().blocked()).isFalse();
    }

    @Test
    void runWhenALinkedPersonIsMissingFromTheSnapshotThenBlocked() throws Exception {
        AccountId account = new AccountId(TestData.accountId(accounts.newAccount()));
        UserId gone = linkedUser(account, "sub-gone", "carl@example.com");
        DirectorySource source = new DirectorySource() {
            @Override
            public DirectorySnapshot read(Set<String> linkedSubjects, boolean withGroups) {
                return DirectorySnapshot.of(List.of(), false);
            }

            @Override
            public void close() {
            }
        };

        sync.run(PROVIDER, account, source);

        assertThat(directory.account(account).orElseThrow().user(gone).orElseThrow().blocked()).isTrue();
    }

    private UserId linkedUser(AccountId account, String subject, String email) {
        UserId user = UserId.random();
        commands.sendAtomically(List.of(new ProvisionUserCommand(user, account, email, ""),
                new SetUserExternalIdCommand(user, account, subject, PROVIDER)), Initiator.SYSTEM);
        return user;
    }
}
