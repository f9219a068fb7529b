package io.netloom.domain.user;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.PRECONDITION_FAILED;
import static io.netloom.domain.user.TestUsers.EMAIL;
import static io.netloom.domain.user.TestUsers.NAME;
import static io.netloom.domain.user.TestUsers.USER;
import static io.netloom.domain.user.TestUsers.created;

import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserProvisioningTest {

    private static final Instant SIGNED_IN_AT = Instant.parse("2026-12-04T10:00:00Z");

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    @Test
    void provisionWhenValidThenRegularUserIssuedByIntegration() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionUserCommand(USER, ACCOUNT, EMAIL, NAME))
                .expectEvents(new UserCreatedEvent(USER, ACCOUNT, EMAIL, NAME, Role.USER, false, Set.of(),
                        UserIssuer.INTEGRATION));
    }

    @Test
    void provisionWhenEmailMissingThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionUserCommand(USER, ACCOUNT, null, NAME))
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void setExternalIdWhenNewThenRecordedWithProvider() {
        fixture.given(created())
                .when(new SetUserExternalIdCommand(USER, ACCOUNT, "00u1", "okta"))
                .expectEvents(new UserExternalIdSetEvent(USER, ACCOUNT, "00u1", "okta"));
    }

    @Test
    void setExternalIdWhenUnchangedThenNoEvent() {
        fixture.given(created(), new UserExternalIdSetEvent(USER, ACCOUNT, "00u1", ""))
                .when(new SetUserExternalIdCommand(USER, ACCOUNT, "00u1", null))
                .expectNoEvents();
    }

    @Test
    void setExternalIdWhenBlankThenRejected() {
        fixture.given(created())
                .when(new SetUserExternalIdCommand(USER, ACCOUNT, "  ", null))
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void setExternalIdWhenServiceUserThenRejected() {
        fixture.given(new UserCreatedEvent(USER, ACCOUNT, "", "bot", Role.USER, true, Set.of(), UserIssuer.API))
                .when(new SetUserExternalIdCommand(USER, ACCOUNT, "00u1", null))
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void signInWhenProvisionedWithProviderSubjectThenNotAFirstLink() {
        fixture.given(created(), new UserExternalIdSetEvent(USER, ACCOUNT, "sub-1", "keycloak"))
                .when(new RecordUserSignInCommand(USER, ACCOUNT, "keycloak", "sub-1", SIGNED_IN_AT))
                .expectEvents(new UserSignedInEvent(USER, ACCOUNT, "keycloak", "sub-1", false,
                        SIGNED_IN_AT));
    }

    @Test
    void renameWhenChangedThenRenamedAndWhenSameThenNoEvent() {
        fixture.given(created())
                .when(new RenameUserCommand(USER, ACCOUNT, " Alice Smith "))
                .expectEvents(new UserRenamedEvent(USER, ACCOUNT, "Alice Smith"));
        fixture.given(created())
                .when(new RenameUserCommand(USER, ACCOUNT, NAME))
                .expectNoEvents();
    }
}
