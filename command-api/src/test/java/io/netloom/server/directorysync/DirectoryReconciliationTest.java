package io.netloom.server.directorysync;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.GroupsClaim;
import io.netloom.domain.user.OffboardingCause;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.UserIssuer;
import io.netloom.projections.directory.UserView;
import io.netloom.server.directorysync.DirectoryReconciliation.Access;
import io.netloom.server.directorysync.DirectoryReconciliation.Change;
import io.netloom.server.directorysync.DirectoryReconciliation.LinkedUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectoryReconciliationTest {

    private static final AccountId ACCOUNT = AccountId.random();

    @Test
    void changesWhenEveryoneEnabledAndNobodyBlockedThenNothing() {
        List<Change> changes = DirectoryReconciliation.changes(List.of(linked("a", null), linked("b", null)),
                snapshot(enabled("a"), enabled("b"), enabled("not-linked")), false);

        assertThat(changes).isEmpty();
    }

    @Test
    void changesWhenDisabledInDirectoryThenBlocked() {
        LinkedUser alice = linked("a", null);

        List<Change> changes = DirectoryReconciliation.changes(List.of(alice), snapshot(disabled("a")), false);

        assertThat(changes).containsExactly(new Change(alice.user(), Access.BLOCK, Optional.empty()));
    }

    @Test
    void changesWhenGoneFromDirectoryThenBlockedWithoutGroups() {
        LinkedUser alice = linked("a", null);

        List<Change> changes = DirectoryReconciliation.changes(List.of(alice), snapshot(enabled("b")), true);

        assertThat(changes).containsExactly(new Change(alice.user(), Access.BLOCK, Optional.empty()));
    }

    @Test
    void changesWhenAlreadyBlockedByAnyoneAndDisabledThenNoSecondBlock() {
        List<Change> changes = DirectoryReconciliation.changes(List.of(linked("a", OffboardingCause.ADMIN),
                linked("b", OffboardingCause.DIRECTORY_SYNC), linked("c", OffboardingCause.SCIM)),
                snapshot(disabled("a"), disabled("b")), false);

        assertThat(changes).isEmpty();
    }

    @Test
    void changesWhenEnabledAgainAfterTheSyncBlockedThenUnblocked() {
        LinkedUser alice = linked("a", OffboardingCause.DIRECTORY_SYNC);

        List<Change> changes = DirectoryReconciliation.changes(List.of(alice), snapshot(enabled("a")), false);

        assertThat(changes).containsExactly(new Change(alice.user(), Access.UNBLOCK, Optional.empty()));
    }

    @Test
    void changesWhenEnabledButAnotherAuthorityBlockedThenTheBlockStays() {
        List<Change> changes = DirectoryReconciliation.changes(List.of(linked("a", OffboardingCause.ADMIN),
                linked("b", OffboardingCause.SCIM), linked("c", OffboardingCause.BACK_CHANNEL_LOGOUT)),
                snapshot(enabled("a"), enabled("b"), enabled("c")), false);

        assertThat(changes).isEmpty();
    }

    @Test
    void changesWhenOwnerDisabledThenNotBlocked() {
        LinkedUser owner = new LinkedUser("o", user(Role.OWNER, null));

        assertThat(DirectoryReconciliation.changes(List.of(owner), snapshot(disabled("o")), false)).isEmpty();
    }

    @Test
    void changesWhenGroupsSyncedThenEveryListedLinkedUserCarriesTheirGroupsAsAClaim() {
        LinkedUser alice = linked("a", null);
        LinkedUser bob = linked("b", null);

        List<Change> changes = DirectoryReconciliation.changes(List.of(alice, bob),
                snapshot(new DirectoryPerson("a", true, List.of("Engineering", "Ops")), disabled("b")), true);

        assertThat(changes).containsExactly(
                new Change(alice.user(), Access.UNCHANGED, Optional.of(GroupsClaim.of(List.of("Engineering", "Ops")))),
                new Change(bob.user(), Access.BLOCK, Optional.of(GroupsClaim.of(List.of()))));
    }

    @Test
    void changesWhenGroupsSyncedButTheSnapshotDidNotReadThemThenGroupsLeftAlone() {
        LinkedUser alice = linked("a", null);

        List<Change> changes = DirectoryReconciliation.changes(List.of(alice),
                DirectorySnapshot.of(List.of(enabled("a")), false), true);

        assertThat(changes).isEmpty();
    }

    private static LinkedUser linked(String subject, OffboardingCause blockedBy) {
        return new LinkedUser(subject, user(Role.USER, blockedBy));
    }

    private static UserView user(Role role, OffboardingCause blockedBy) {
        return new UserView(UserId.random(), ACCOUNT, "someone@example.com", "Someone", role, false, Set.of(),
                blockedBy, Instant.EPOCH, null, UserIssuer.INTEGRATION);
    }

    private static DirectoryPerson enabled(String id) {
        return new DirectoryPerson(id, true, List.of());
    }

    private static DirectoryPerson disabled(String id) {
        return new DirectoryPerson(id, false, List.of());
    }

    private static DirectorySnapshot snapshot(DirectoryPerson... people) {
        return DirectorySnapshot.of(List.of(people), true);
    }
}
