package io.netloom.domain.user;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.NOW;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.ALREADY_EXISTS;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.common.RejectionReason.PERMISSION_DENIED;
import static io.netloom.domain.common.RejectionReason.PRECONDITION_FAILED;
import static io.netloom.domain.user.TestUsers.ADMIN;
import static io.netloom.domain.user.TestUsers.DEVS;
import static io.netloom.domain.user.TestUsers.EMAIL;
import static io.netloom.domain.user.TestUsers.NAME;
import static io.netloom.domain.user.TestUsers.OPS;
import static io.netloom.domain.user.TestUsers.TOKEN;
import static io.netloom.domain.user.TestUsers.TOKEN_HASH;
import static io.netloom.domain.user.TestUsers.USER;
import static io.netloom.domain.user.TestUsers.create;
import static io.netloom.domain.user.TestUsers.createToken;
import static io.netloom.domain.user.TestUsers.created;
import static io.netloom.domain.user.TestUsers.createdOwner;
import static io.netloom.domain.user.TestUsers.tokenCreated;
import static io.netloom.domain.user.TestUsers.update;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.TokenId;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserTest {

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void createUserWhenRegularThenUserCreatedWithSortedAutoGroups() {
        fixture.givenNoPriorActivity()
                .when(new CreateUserCommand(USER, ACCOUNT, " " + EMAIL, NAME, Role.ADMIN, false, Set.of(OPS, DEVS)))
                .expectEvents(new UserCreatedEvent(USER, ACCOUNT, EMAIL, NAME, Role.ADMIN, false, Set.of(DEVS, OPS), UserIssuer.API));
    }

    @Test
    void createUserWhenRegularWithoutNameThenNameEmpty() {
        fixture.givenNoPriorActivity()
                .when(create(EMAIL, null, false))
                .expectEvents(new UserCreatedEvent(USER, ACCOUNT, EMAIL, "", Role.USER, false, Set.of(DEVS), UserIssuer.API));
    }

    @Test
    void createUserWhenOwnerThenUserCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateUserCommand(USER, ACCOUNT, EMAIL, NAME, Role.OWNER, false, Set.of(DEVS)))
                .expectEvents(createdOwner());
    }

    @Test
    void createUserWhenAutoGroupsAbsentThenEmpty() {
        fixture.givenNoPriorActivity()
                .when(new CreateUserCommand(USER, ACCOUNT, EMAIL, NAME, Role.USER, false, null))
                .expectEvents(new UserCreatedEvent(USER, ACCOUNT, EMAIL, NAME, Role.USER, false, Set.of(), UserIssuer.API));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "alice", "@example.com", "alice@", "alice@@example.com", "a@b@c", "ali ce@example.com",
        "alice@exa\tmple.com"})
    void createUserWhenEmailInvalidThenRejected(String email) {
        fixture.givenNoPriorActivity()
                .when(create(email, NAME, false))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("email must be an address such as alice@example.com")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createUserWhenEmailTooLongThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create("a".repeat(309) + "@example.com", NAME, false))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("email must be an address such as alice@example.com");
    }

    @Test
    void createUserWhenServiceUserWithoutEmailThenUserCreated() {
        fixture.givenNoPriorActivity()
                .when(create(null, " ci-bot ", true))
                .expectEvents(new UserCreatedEvent(USER, ACCOUNT, "", "ci-bot", Role.USER, true, Set.of(DEVS), UserIssuer.API));
    }

    @Test
    void createUserWhenServiceUserWithoutNameThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create("", " ", true))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("service user name must not be empty")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createUserWhenRoleMissingThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateUserCommand(USER, ACCOUNT, EMAIL, NAME, null, false, Set.of()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("role must be provided");
    }

    @Test
    void updateUserWhenUnchangedThenNoEvents() {
        fixture.given(created())
                .when(update(Role.USER, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateUserWhenRoleChangedThenRoleChanged() {
        fixture.given(created())
                .when(update(Role.AUDITOR, false))
                .expectEvents(new UserRoleChangedEvent(USER, ACCOUNT, Role.AUDITOR));
    }

    @Test
    void updateUserWhenAutoGroupsChangedThenAutoGroupsChanged() {
        fixture.given(created())
                .when(new UpdateUserCommand(USER, ACCOUNT, Role.USER, Set.of(OPS, DEVS), false))
                .expectEvents(new UserAutoGroupsChangedEvent(USER, ACCOUNT, Set.of(DEVS, OPS)));
    }

    @Test
    void updateUserWhenAutoGroupsAbsentThenCleared() {
        fixture.given(created())
                .when(new UpdateUserCommand(USER, ACCOUNT, Role.USER, null, false))
                .expectEvents(new UserAutoGroupsChangedEvent(USER, ACCOUNT, Set.of()));
    }

    @Test
    void updateUserWhenBlockedThenUserBlocked() {
        fixture.given(created())
                .when(update(Role.USER, true))
                .expectEvents(new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN));
    }

    @Test
    void updateUserWhenAlreadyBlockedThenNoEvents() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(update(Role.USER, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateUserWhenUnblockedThenUserUnblocked() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(update(Role.USER, false))
                .expectEvents(new UserUnblockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN));
    }

    @Test
    void changeUserAutoGroupsWhenDifferentThenChangedAndWhenSameThenNoEvents() {
        fixture.given(created())
                .when(new ChangeUserAutoGroupsCommand(USER, ACCOUNT, Set.of(OPS)))
                .expectEvents(new UserAutoGroupsChangedEvent(USER, ACCOUNT, Set.of(OPS)));
        fixture.given(created(), new UserAutoGroupsChangedEvent(USER, ACCOUNT, Set.of(OPS)))
                .when(new ChangeUserAutoGroupsCommand(USER, ACCOUNT, Set.of(OPS)))
                .expectNoEvents();
    }

    @Test
    void blockUserWhenScimDeactivatesThenBlockedWithItsCause() {
        fixture.given(created())
                .when(new BlockUserCommand(USER, ACCOUNT, OffboardingCause.SCIM))
                .expectEvents(new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.SCIM));
    }

    @Test
    void blockUserWhenTheOwnerThenRejectedWhateverTheCause() {
        fixture.given(createdOwner())
                .when(new BlockUserCommand(USER, ACCOUNT, OffboardingCause.DIRECTORY_SYNC))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void unblockUserWhenAnotherAuthorityBlockedThenStillBlocked() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(new UnblockUserCommand(USER, ACCOUNT, OffboardingCause.DIRECTORY_SYNC))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unblockUserWhenTheSameAuthorityBlockedThenUnblocked() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.SCIM))
                .when(new UnblockUserCommand(USER, ACCOUNT, OffboardingCause.SCIM))
                .expectEvents(new UserUnblockedEvent(USER, ACCOUNT, OffboardingCause.SCIM));
    }

    @Test
    void unblockUserWhenAnAdminLiftsAnAutomatedBlockThenUnblocked() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.DIRECTORY_SYNC))
                .when(update(Role.USER, false))
                .expectEvents(new UserUnblockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN));
    }

    @Test
    void blockUserWhenAnAdminBlocksAUserScimBlockedThenTheAdminOwnsTheBlock() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.SCIM))
                .when(update(Role.USER, true))
                .expectEvents(new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN));
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.SCIM),
                        new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(new UnblockUserCommand(USER, ACCOUNT, OffboardingCause.SCIM))
                .expectNoEvents();
    }

    @Test
    void updateUserWhenEverythingChangedThenOneEventPerChange() {
        fixture.given(created())
                .when(new UpdateUserCommand(USER, ACCOUNT, Role.ADMIN, Set.of(OPS), true))
                .expectEvents(
                        new UserRoleChangedEvent(USER, ACCOUNT, Role.ADMIN),
                        new UserAutoGroupsChangedEvent(USER, ACCOUNT, Set.of(OPS)),
                        new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN));
    }

    @Test
    void updateUserWhenOwnerAutoGroupsChangedThenAutoGroupsChanged() {
        fixture.given(createdOwner())
                .when(new UpdateUserCommand(USER, ACCOUNT, Role.OWNER, Set.<GroupId>of(), false))
                .expectEvents(new UserAutoGroupsChangedEvent(USER, ACCOUNT, Set.of()));
    }

    @Test
    void updateUserWhenOwnerRoleChangedThenRejected() {
        fixture.given(createdOwner())
                .when(update(Role.ADMIN, false))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the owner's role cannot be changed")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void updateUserWhenOwnerBlockedThenRejected() {
        fixture.given(createdOwner())
                .when(update(Role.OWNER, true))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the owner cannot be blocked")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void updateUserWhenMadeOwnerThenPermissionDenied() {
        fixture.given(created(Role.ADMIN))
                .when(update(Role.OWNER, false))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the owner role cannot be assigned")
                .expectException(reason(PERMISSION_DENIED));
    }

    @Test
    void updateUserWhenRoleMissingThenRejected() {
        fixture.given(created())
                .when(update(null, false))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("role must be provided")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updateUserWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new UpdateUserCommand(USER, OTHER_ACCOUNT, Role.ADMIN, Set.of(), true))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("user not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void updateUserWhenDeletedThenFails() {
        fixture.given(created(), new UserDeletedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(update(Role.ADMIN, false))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void deleteUserWhenRegularThenUserDeleted() {
        fixture.given(created())
                .when(new DeleteUserCommand(USER, ACCOUNT, OffboardingCause.ADMIN))
                .expectEvents(new UserDeletedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .expectMarkedDeleted();
    }

    @Test
    void deleteUserWhenOwnerThenRejected() {
        fixture.given(createdOwner())
                .when(new DeleteUserCommand(USER, ACCOUNT, OffboardingCause.ADMIN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the owner cannot be deleted")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void deleteUserWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new DeleteUserCommand(USER, OTHER_ACCOUNT, OffboardingCause.ADMIN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("user not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteUserWhenAlreadyDeletedThenFails() {
        fixture.given(created(), new UserDeletedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(new DeleteUserCommand(USER, ACCOUNT, OffboardingCause.ADMIN))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void createPersonalAccessTokenWhenValidThenTokenCreated() {
        fixture.given(created())
                .when(createToken())
                .expectEvents(tokenCreated());
    }

    @Test
    void createPersonalAccessTokenWhenNameBlankThenRejected() {
        fixture.given(created())
                .when(new CreatePersonalAccessTokenCommand(USER, ACCOUNT, TOKEN, " ", TOKEN_HASH, NOW,
                        NOW.plusSeconds(60), ADMIN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("token name must not be empty")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createPersonalAccessTokenWhenExpiryNotAfterCreationThenRejected() {
        fixture.given(created())
                .when(new CreatePersonalAccessTokenCommand(USER, ACCOUNT, TOKEN, "ci", TOKEN_HASH, NOW, NOW, ADMIN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("token expiration must be after its creation")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createPersonalAccessTokenWhenPlainTokenGivenThenRejectedWithoutEchoingIt() {
        fixture.given(created())
                .when(new CreatePersonalAccessTokenCommand(USER, ACCOUNT, TOKEN, "ci", "nbp_secretTokenValue", NOW,
                        NOW.plusSeconds(60), ADMIN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("token hash must be of the form sha256:<64 lowercase hex digits>")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createPersonalAccessTokenWhenCreatorMissingThenRejected() {
        fixture.given(created())
                .when(new CreatePersonalAccessTokenCommand(USER, ACCOUNT, TOKEN, "ci", TOKEN_HASH, NOW,
                        NOW.plusSeconds(60), null))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("token creator must be provided");
    }

    @Test
    void createPersonalAccessTokenWhenTokenIdTakenThenConflict() {
        fixture.given(created(), tokenCreated())
                .when(createToken())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("a token with this id already exists for the user")
                .expectException(reason(ALREADY_EXISTS));
    }

    @Test
    void createPersonalAccessTokenWhenUserBlockedThenRejected() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(createToken())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("a blocked user cannot get new tokens")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void createPersonalAccessTokenWhenUnblockedAgainThenTokenCreated() {
        fixture.given(created(), new UserBlockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN), new UserUnblockedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(createToken())
                .expectEvents(tokenCreated());
    }

    @Test
    void createPersonalAccessTokenWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new CreatePersonalAccessTokenCommand(USER, OTHER_ACCOUNT, TOKEN, "ci", TOKEN_HASH, NOW,
                        NOW.plusSeconds(60), ADMIN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("user not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void createPersonalAccessTokenWhenUserDeletedThenFails() {
        fixture.given(created(), new UserDeletedEvent(USER, ACCOUNT, OffboardingCause.ADMIN))
                .when(createToken())
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void deletePersonalAccessTokenWhenExistsThenTokenDeleted() {
        fixture.given(created(), tokenCreated())
                .when(new DeletePersonalAccessTokenCommand(USER, ACCOUNT, TOKEN))
                .expectEvents(new PersonalAccessTokenDeletedEvent(USER, ACCOUNT, TOKEN));
    }

    @Test
    void deletePersonalAccessTokenWhenUnknownThenNotFound() {
        fixture.given(created(), tokenCreated())
                .when(new DeletePersonalAccessTokenCommand(USER, ACCOUNT, new TokenId("token-2")))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("token not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deletePersonalAccessTokenWhenAlreadyDeletedThenNotFound() {
        fixture.given(created(), tokenCreated(), new PersonalAccessTokenDeletedEvent(USER, ACCOUNT, TOKEN))
                .when(new DeletePersonalAccessTokenCommand(USER, ACCOUNT, TOKEN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("token not found");
    }

    @Test
    void deletePersonalAccessTokenWhenOtherAccountThenNotFound() {
        fixture.given(created(), tokenCreated())
                .when(new DeletePersonalAccessTokenCommand(USER, OTHER_ACCOUNT, TOKEN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("user not found")
                .expectException(reason(NOT_FOUND));
    }
}
