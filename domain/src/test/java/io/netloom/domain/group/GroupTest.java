package io.netloom.domain.group;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.common.RejectionReason.PRECONDITION_FAILED;
import static io.netloom.domain.group.TestGroups.GROUP;
import static io.netloom.domain.group.TestGroups.LAPTOP;
import static io.netloom.domain.group.TestGroups.NAME;
import static io.netloom.domain.group.TestGroups.PHONE;
import static io.netloom.domain.group.TestGroups.SERVER;
import static io.netloom.domain.group.TestGroups.added;
import static io.netloom.domain.group.TestGroups.created;
import static io.netloom.domain.group.TestGroups.createdAllGroup;
import static io.netloom.domain.group.TestGroups.removed;
import static io.netloom.domain.group.TestGroups.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.common.CommandRejectedException;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupTest {

    private FixtureConfiguration<Group> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Group.class);
    }

    @Test
    void createGroupWhenNoPeersThenOnlyGroupCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ACCOUNT, " " + NAME + " ", false, null))
                .expectEvents(created());
    }

    @Test
    void createGroupWhenPeersGivenThenGroupCreatedAndPeersAdded() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ACCOUNT, NAME, false, Set.of(PHONE, LAPTOP)))
                .expectEvents(created(), added(LAPTOP, PHONE));
    }

    @Test
    void createGroupWhenBuiltInThenBuiltInGroupCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ACCOUNT, "All", true, Set.of()))
                .expectEvents(createdAllGroup());
    }

    @Test
    void createGroupWhenIssuedByClaimThenIssuerRecorded() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ACCOUNT, "Engineering", false, Set.of(), GroupIssuer.JWT))
                .expectEvents(new GroupCreatedEvent(GROUP, ACCOUNT, "Engineering", false, GroupIssuer.JWT));
    }

    @Test
    void groupCreatedEventWhenWrittenWithoutIssuerThenIssuedByApi() {
        assertThat(new GroupCreatedEvent(GROUP, ACCOUNT, NAME, false, null).issued()).isEqualTo(GroupIssuer.API);
    }

    @Test
    void createGroupWhenNameBlankThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(GROUP, ACCOUNT, "  ", false, Set.of()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("group name must not be empty")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updateGroupWhenUnchangedThenNoEvents() {
        fixture.given(created(), added(LAPTOP))
                .when(update(NAME, LAPTOP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateGroupWhenRenamedThenGroupRenamed() {
        fixture.given(created(), added(LAPTOP))
                .when(update("ops", LAPTOP))
                .expectEvents(new GroupRenamedEvent(GROUP, ACCOUNT, "ops"));
    }

    @Test
    void updateGroupWhenMembersChangedThenPeersAddedAndRemoved() {
        fixture.given(created(), added(LAPTOP, PHONE))
                .when(update(NAME, PHONE, SERVER))
                .expectEvents(added(SERVER), removed(LAPTOP));
    }

    @Test
    void updateGroupWhenEverythingChangedThenRenamedAddedAndRemoved() {
        fixture.given(created(), added(LAPTOP))
                .when(update("ops", SERVER))
                .expectEvents(new GroupRenamedEvent(GROUP, ACCOUNT, "ops"), added(SERVER), removed(LAPTOP));
    }

    @Test
    void updateGroupWhenPeersAbsentThenAllRemoved() {
        fixture.given(created(), added(LAPTOP, PHONE))
                .when(new UpdateGroupCommand(GROUP, ACCOUNT, NAME, null))
                .expectEvents(removed(LAPTOP, PHONE));
    }

    @Test
    void updateGroupWhenBuiltInThenRejected() {
        fixture.given(createdAllGroup())
                .when(update("All", LAPTOP))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the All group cannot be modified")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void updateGroupWhenNameBlankThenRejected() {
        fixture.given(created())
                .when(update(""))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("group name must not be empty")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updateGroupWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new UpdateGroupCommand(GROUP, OTHER_ACCOUNT, "ops", Set.of()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("group not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void updateGroupWhenDeletedThenFails() {
        fixture.given(created(), new GroupDeletedEvent(GROUP, ACCOUNT))
                .when(update("ops"))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void addPeerToGroupWhenNewMemberThenPeerAdded() {
        fixture.given(created(), added(LAPTOP))
                .when(new AddPeerToGroupCommand(GROUP, ACCOUNT, PHONE))
                .expectEvents(added(PHONE));
    }

    @Test
    void addPeerToGroupWhenAlreadyMemberThenNoEvents() {
        fixture.given(created(), added(LAPTOP))
                .when(new AddPeerToGroupCommand(GROUP, ACCOUNT, LAPTOP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void addPeerToGroupWhenBuiltInThenRejected() {
        fixture.given(createdAllGroup())
                .when(new AddPeerToGroupCommand(GROUP, ACCOUNT, LAPTOP))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("membership of the All group is implicit: every peer of the account belongs to it")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void addPeerToGroupWhenPeerMissingThenRejected() {
        fixture.given(created())
                .when(new AddPeerToGroupCommand(GROUP, ACCOUNT, null))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("peer must be provided");
    }

    @Test
    void addPeerToGroupWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new AddPeerToGroupCommand(GROUP, OTHER_ACCOUNT, LAPTOP))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("group not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void addPeerToGroupWhenDeletedThenFails() {
        fixture.given(created(), new GroupDeletedEvent(GROUP, ACCOUNT))
                .when(new AddPeerToGroupCommand(GROUP, ACCOUNT, LAPTOP))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void removePeerFromGroupWhenMemberThenPeerRemoved() {
        fixture.given(created(), added(LAPTOP, PHONE))
                .when(new RemovePeerFromGroupCommand(GROUP, ACCOUNT, LAPTOP))
                .expectEvents(removed(LAPTOP));
    }

    @Test
    void removePeerFromGroupWhenNotMemberThenNoEvents() {
        fixture.given(created(), added(LAPTOP), removed(LAPTOP))
                .when(new RemovePeerFromGroupCommand(GROUP, ACCOUNT, LAPTOP))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removePeerFromGroupWhenBuiltInThenRejected() {
        fixture.given(createdAllGroup())
                .when(new RemovePeerFromGroupCommand(GROUP, ACCOUNT, LAPTOP))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("membership of the All group is implicit: every peer of the account belongs to it")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void removePeerFromGroupWhenOtherAccountThenNotFound() {
        fixture.given(created(), added(LAPTOP))
                .when(new RemovePeerFromGroupCommand(GROUP, OTHER_ACCOUNT, LAPTOP))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("group not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteGroupWhenRegularThenGroupDeleted() {
        fixture.given(created(), added(LAPTOP))
                .when(new DeleteGroupCommand(GROUP, ACCOUNT))
                .expectEvents(new GroupDeletedEvent(GROUP, ACCOUNT))
                .expectMarkedDeleted();
    }

    @Test
    void deleteGroupWhenBuiltInThenRejected() {
        fixture.given(createdAllGroup())
                .when(new DeleteGroupCommand(GROUP, ACCOUNT))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the All group cannot be deleted")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void deleteGroupWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new DeleteGroupCommand(GROUP, OTHER_ACCOUNT))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("group not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteGroupWhenAlreadyDeletedThenFails() {
        fixture.given(created(), new GroupDeletedEvent(GROUP, ACCOUNT))
                .when(new DeleteGroupCommand(GROUP, ACCOUNT))
                .expectException(AggregateDeletedException.class);
    }
}
