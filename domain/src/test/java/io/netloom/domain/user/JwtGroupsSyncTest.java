package io.netloom.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.group.GroupIssuer;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.user.JwtGroupsSync.ExistingGroup;
import io.netloom.domain.user.JwtGroupsSync.NewGroup;
import io.netloom.domain.user.JwtGroupsSync.Plan;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The cases of NetBird's {@code getJWTGroupsChanges} and {@code separateGroups}. */
class JwtGroupsSyncTest {

    private static final ExistingGroup ALL = new ExistingGroup(new GroupId("all"), "All", GroupIssuer.API);
    private static final ExistingGroup DEVS_API = new ExistingGroup(new GroupId("devs"), "Devs", GroupIssuer.API);
    private static final ExistingGroup ENGINEERING =
            new ExistingGroup(new GroupId("eng"), "Engineering", GroupIssuer.JWT);
    private static final ExistingGroup INTERNS = new ExistingGroup(new GroupId("interns"), "Interns", GroupIssuer.JWT);
    private static final List<ExistingGroup> GROUPS = List.of(ALL, DEVS_API, ENGINEERING, INTERNS);

    private final AtomicInteger created = new AtomicInteger();
    private final Supplier<GroupId> newIds = () -> new GroupId("new-" + created.incrementAndGet());

    @Test
    void planWhenClaimNamesUnknownGroupThenGroupCreatedAndJoined() {
        Plan plan = JwtGroupsSync.plan(Set.of(), GROUPS, List.of("Servers"), newIds);
        assertThat(plan.groupsToCreate()).containsExactly(new NewGroup(new GroupId("new-1"), "Servers"));
        assertThat(plan.autoGroups()).containsExactly(new GroupId("new-1"));
        assertThat(plan.joined()).containsExactly(new GroupId("new-1"));
        assertThat(plan.left()).isEmpty();
    }

    @Test
    void planWhenClaimNamesExistingJwtGroupThenJoinedWithoutCreating() {
        Plan plan = JwtGroupsSync.plan(Set.of(), GROUPS, List.of("Engineering"), newIds);
        assertThat(plan.groupsToCreate()).isEmpty();
        assertThat(plan.autoGroups()).containsExactly(ENGINEERING.id());
        assertThat(plan.joined()).containsExactly(ENGINEERING.id());
    }

    @Test
    void planWhenClaimNamesAdministratorsGroupThenPassedOver() {
        Plan plan = JwtGroupsSync.plan(Set.of(), GROUPS, List.of("Devs", "All"), newIds);
        assertThat(plan.groupsToCreate()).isEmpty();
        assertThat(plan.autoGroups()).isEmpty();
        assertThat(plan.joined()).isEmpty();
    }

    @Test
    void planWhenClaimNoLongerNamesJwtGroupThenLeft() {
        Plan plan = JwtGroupsSync.plan(Set.of(INTERNS.id()), GROUPS, List.of("Engineering"), newIds);
        assertThat(plan.autoGroups()).containsExactly(ENGINEERING.id());
        assertThat(plan.joined()).containsExactly(ENGINEERING.id());
        assertThat(plan.left()).containsExactly(INTERNS.id());
    }

    @Test
    void planWhenUserHasGroupsFromApiThenTheyStayWhateverTheClaim() {
        Plan plan = JwtGroupsSync.plan(Set.of(DEVS_API.id(), INTERNS.id()), GROUPS, List.of(), newIds);
        assertThat(plan.autoGroups()).containsExactly(DEVS_API.id());
        assertThat(plan.left()).containsExactly(INTERNS.id());
    }

    @Test
    void planWhenClaimUnchangedThenNothingChanges() {
        Set<GroupId> current = Set.of(DEVS_API.id(), ENGINEERING.id());
        Plan plan = JwtGroupsSync.plan(current, GROUPS, List.of("Engineering", "Devs"), newIds);
        assertThat(plan).isEqualTo(Plan.unchanged(current));
        assertThat(created).hasValue(0);
    }
}
