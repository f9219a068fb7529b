package io.netloom.domain.setupkey;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.NOW;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.common.RejectionReason.PRECONDITION_FAILED;
import static io.netloom.domain.setupkey.TestSetupKeys.DEVS;
import static io.netloom.domain.setupkey.TestSetupKeys.EXPIRES_AT;
import static io.netloom.domain.setupkey.TestSetupKeys.KEY_HASH;
import static io.netloom.domain.setupkey.TestSetupKeys.MASKED_KEY;
import static io.netloom.domain.setupkey.TestSetupKeys.SERVERS;
import static io.netloom.domain.setupkey.TestSetupKeys.SETUP_KEY;
import static io.netloom.domain.setupkey.TestSetupKeys.create;
import static io.netloom.domain.setupkey.TestSetupKeys.created;
import static io.netloom.domain.setupkey.TestSetupKeys.createdReusable;

import io.netloom.domain.common.CommandRejectedException;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SetupKeyTest {

    private FixtureConfiguration<SetupKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SetupKey.class);
    }

    @Test
    void createSetupKeyWhenReusableThenSetupKeyCreated() {
        fixture.givenNoPriorActivity()
                .when(create().type(SetupKeyType.REUSABLE).usageLimit(5).command())
                .expectEvents(createdReusable(5));
    }

    @Test
    void createSetupKeyWhenOneOffWithAnyLimitThenLimitIsOne() {
        fixture.givenNoPriorActivity()
                .when(create().usageLimit(7).command())
                .expectEvents(new SetupKeyCreatedEvent(SETUP_KEY, ACCOUNT, "servers", SetupKeyType.ONE_OFF,
                        KEY_HASH, MASKED_KEY, NOW, EXPIRES_AT, 1, Set.of(SERVERS), true, false, TestSetupKeys.CREATOR));
    }

    @Test
    void createSetupKeyWhenUsageLimitNegativeThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create().type(SetupKeyType.REUSABLE).usageLimit(-1).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("usage limit must not be negative")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createSetupKeyWhenExpiryNotAfterCreationThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create().expiresAt(NOW).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("setup key expiration must be after its creation")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createSetupKeyWhenMaskedKeyTooLongThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create().maskedKey("A1B2C3D4E5F6****X").command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("masked key must be non-blank and at most 16 characters");
    }

    @Test
    void createSetupKeyWhenMaskedKeyBlankThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create().maskedKey(" ").command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("masked key must be non-blank and at most 16 characters");
    }

    @Test
    void createSetupKeyWhenPlainKeyGivenInsteadOfHashThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create().keyHash("A1B2C3D4-E5F6-4711-8899-0123456789AB").command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("setup key hash must be of the form sha256:<64 lowercase hex digits>")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createSetupKeyWhenNameBlankThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create().name("").command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("setup key name must not be empty");
    }

    @Test
    void createSetupKeyWhenTypeMissingThenRejected() {
        fixture.givenNoPriorActivity()
                .when(create().type(null).command())
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("setup key type must be provided");
    }

    @Test
    void updateSetupKeyWhenUnchangedThenNoEvents() {
        fixture.given(created())
                .when(new UpdateSetupKeyCommand(SETUP_KEY, ACCOUNT, false, Set.of(SERVERS)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateSetupKeyWhenRevokedThenSetupKeyRevoked() {
        fixture.given(created())
                .when(new UpdateSetupKeyCommand(SETUP_KEY, ACCOUNT, true, Set.of(SERVERS)))
                .expectEvents(new SetupKeyRevokedEvent(SETUP_KEY, ACCOUNT));
    }

    @Test
    void updateSetupKeyWhenAlreadyRevokedAndStillRevokedThenNoEvents() {
        fixture.given(created(), new SetupKeyRevokedEvent(SETUP_KEY, ACCOUNT))
                .when(new UpdateSetupKeyCommand(SETUP_KEY, ACCOUNT, true, Set.of(SERVERS)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateSetupKeyWhenReinstatedThenRejected() {
        fixture.given(created(), new SetupKeyRevokedEvent(SETUP_KEY, ACCOUNT))
                .when(new UpdateSetupKeyCommand(SETUP_KEY, ACCOUNT, false, Set.of(SERVERS)))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("a revoked setup key cannot be reinstated")
                .expectException(reason(PRECONDITION_FAILED));
    }

    @Test
    void updateSetupKeyWhenAutoGroupsChangedThenAutoGroupsChanged() {
        fixture.given(created())
                .when(new UpdateSetupKeyCommand(SETUP_KEY, ACCOUNT, false, Set.of(SERVERS, DEVS)))
                .expectEvents(new SetupKeyAutoGroupsChangedEvent(SETUP_KEY, ACCOUNT, Set.of(DEVS, SERVERS)));
    }

    @Test
    void updateSetupKeyWhenRevokedAndRegroupedThenBothEvents() {
        fixture.given(created())
                .when(new UpdateSetupKeyCommand(SETUP_KEY, ACCOUNT, true, null))
                .expectEvents(
                        new SetupKeyRevokedEvent(SETUP_KEY, ACCOUNT),
                        new SetupKeyAutoGroupsChangedEvent(SETUP_KEY, ACCOUNT, Set.of()));
    }

    @Test
    void updateSetupKeyWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new UpdateSetupKeyCommand(SETUP_KEY, OTHER_ACCOUNT, true, Set.of()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("setup key not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void updateSetupKeyWhenDeletedThenFails() {
        fixture.given(created(), new SetupKeyDeletedEvent(SETUP_KEY, ACCOUNT))
                .when(new UpdateSetupKeyCommand(SETUP_KEY, ACCOUNT, true, Set.of()))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void deleteSetupKeyWhenExistsThenSetupKeyDeleted() {
        fixture.given(created())
                .when(new DeleteSetupKeyCommand(SETUP_KEY, ACCOUNT))
                .expectEvents(new SetupKeyDeletedEvent(SETUP_KEY, ACCOUNT))
                .expectMarkedDeleted();
    }

    @Test
    void deleteSetupKeyWhenOtherAccountThenNotFound() {
        fixture.given(created())
                .when(new DeleteSetupKeyCommand(SETUP_KEY, OTHER_ACCOUNT))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("setup key not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteSetupKeyWhenAlreadyDeletedThenFails() {
        fixture.given(created(), new SetupKeyDeletedEvent(SETUP_KEY, ACCOUNT))
                .when(new DeleteSetupKeyCommand(SETUP_KEY, ACCOUNT))
                .expectException(AggregateDeletedException.class);
    }
}
