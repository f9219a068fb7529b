package io.netloom.domain.user;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.NOW;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.common.RejectionReason.PRECONDITION_FAILED;
import static io.netloom.domain.user.TestUsers.DEVS;
import static io.netloom.domain.user.TestUsers.OPS;
import static io.netloom.domain.user.TestUsers.USER;
import static io.netloom.domain.user.TestUsers.created;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.PeerId;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserLoginTest {

    private static final PeerId LAPTOP = new PeerId("peer-laptop");

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void logUserInWhenClaimBringsGroupThenLoginAndAutoGroupsRecorded() {
        GroupsClaim claim = GroupsClaim.of(List.of("Engineering"));
        fixture.given(created())
                .when(new LogUserInCommand(USER, ACCOUNT, LAPTOP, claim, Set.of(DEVS, OPS), NOW))
                .expectEvents(
                        new UserLoggedInEvent(USER, ACCOUNT, LAPTOP, List.of("Engineering"), "", Set.of(OPS), Set.of(),
                                NOW),
                        new UserAutoGroupsChangedEvent(USER, ACCOUNT, Set.of(DEVS, OPS)));
    }

    @Test
    void logUserInWhenGroupsUnchangedThenOnlyLoginRecorded() {
        fixture.given(created())
                .when(new LogUserInCommand(USER, ACCOUNT, null, GroupsClaim.of(null), Set.of(DEVS), NOW))
                .expectEvents(new UserLoggedInEvent(USER, ACCOUNT, null, List.of(), "", Set.of(), Set.of(), NOW));
    }

    @Test
    void logUserInWhenClaimDropsGroupThenLeftGroupRecorded() {
        fixture.given(created())
                .when(new LogUserInCommand(USER, ACCOUNT, LAPTOP, GroupsClaim.of(List.of()), Set.of(), NOW))
                .expectEvents(
                        new UserLoggedInEvent(USER, ACCOUNT, LAPTOP, List.of(), "", Set.of(), Set.of(DEVS), NOW),
                        new UserAutoGroupsChangedEvent(USER, ACCOUNT, Set.of()));
    }

    @Test
    void logUserInWhenClaimIgnoredThenReasonRecorded() {
        GroupsClaim absurd = GroupsClaim.of(List.of("x".repeat(256)));
        fixture.given(created())
                .when(new LogUserInCommand(USER, ACCOUNT, null, absurd, Set.of(DEVS), NOW))
                .expectEvents(new UserLoggedInEvent(USER, ACCOUNT, null, List.of(),
                        "a group name is longer than 255 characters", Set.of(), Set.of(), NOW));
    }

    @Test
    void logUserInWhenBlockedThenRejected() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(new LogUserInCommand(USER, ACCOUNT, null, GroupsClaim.of(null), Set.of(DEVS), NOW))
                .expectException(CommandRejectedException.class)
                .expectException(reason(PRECONDITION_FAILED))
                .expectNoEvents();
    }

    @Test
    void logUserInWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new LogUserInCommand(USER, OTHER_ACCOUNT, null, GroupsClaim.of(null), Set.of(DEVS), NOW))
                .expectException(reason(NOT_FOUND))
                .expectNoEvents();
    }
}
