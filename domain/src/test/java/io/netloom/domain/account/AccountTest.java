package io.netloom.domain.account;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.account.TestAccounts.OWNER;
import static io.netloom.domain.account.TestAccounts.approvalRequiredSettings;
import static io.netloom.domain.account.TestAccounts.create;
import static io.netloom.domain.account.TestAccounts.created;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.common.RejectionReason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void createAccountWhenValidThenAccountCreated() {
        fixture.givenNoPriorActivity()
                .when(create())
                .expectEvents(created());
    }

    @Test
    void createAccountWhenDomainHasCaseAndPaddingThenNormalized() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACCOUNT, OWNER, " Example.COM ", Ipv4Network.DEFAULT,
                        AccountSettings.defaults()))
                .expectEvents(created());
    }

    @Test
    void createAccountWhenDomainAbsentThenEmpty() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACCOUNT, OWNER, null, Ipv4Network.DEFAULT, AccountSettings.defaults()))
                .expectEvents(new AccountCreatedEvent(ACCOUNT, OWNER, "", Ipv4Network.DEFAULT,
                        AccountSettings.defaults()));
    }

    @Test
    void createAccountWhenDomainMalformedThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACCOUNT, OWNER, "exa mple.com", Ipv4Network.DEFAULT,
                        AccountSettings.defaults()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("account domain must be a DNS name such as example.com")
                .expectException(reason(RejectionReason.INVALID_ARGUMENT));
    }

    @Test
    void createAccountWhenNetworkMissingThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACCOUNT, OWNER, "", null, AccountSettings.defaults()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("network must be provided");
    }

    @Test
    void createAccountWhenSettingsMissingThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACCOUNT, OWNER, "", Ipv4Network.DEFAULT, null))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("settings must be provided");
    }

    @Test
    void createAccountWhenCreatorMissingThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACCOUNT, null, "", Ipv4Network.DEFAULT, AccountSettings.defaults()))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("account creator must be provided");
    }

    @Test
    void updateAccountSettingsWhenChangedThenSettingsUpdated() {
        fixture.given(created())
                .when(new UpdateAccountSettingsCommand(ACCOUNT, approvalRequiredSettings(), Ipv4Network.DEFAULT))
                .expectEvents(new AccountSettingsUpdatedEvent(ACCOUNT, approvalRequiredSettings()));
    }

    @Test
    void updateAccountSettingsWhenNetworkOmittedThenSettingsUpdated() {
        fixture.given(created())
                .when(new UpdateAccountSettingsCommand(ACCOUNT, approvalRequiredSettings(), null))
                .expectEvents(new AccountSettingsUpdatedEvent(ACCOUNT, approvalRequiredSettings()));
    }

    @Test
    void updateAccountSettingsWhenUnchangedThenNoEvents() {
        fixture.given(created())
                .when(new UpdateAccountSettingsCommand(ACCOUNT, AccountSettings.defaults(), Ipv4Network.DEFAULT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateAccountSettingsWhenChangedTwiceToSameValueThenSecondIsNoOp() {
        fixture.given(created(), new AccountSettingsUpdatedEvent(ACCOUNT, approvalRequiredSettings()))
                .when(new UpdateAccountSettingsCommand(ACCOUNT, approvalRequiredSettings(), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateAccountSettingsWhenNetworkDiffersThenRejected() {
        fixture.given(created())
                .when(new UpdateAccountSettingsCommand(ACCOUNT, approvalRequiredSettings(),
                        new Ipv4Network("10.100.0.0/16")))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("the overlay network range cannot be changed after the account is created")
                .expectException(reason(RejectionReason.PRECONDITION_FAILED));
    }

    @Test
    void updateAccountSettingsWhenSettingsMissingThenRejected() {
        fixture.given(created())
                .when(new UpdateAccountSettingsCommand(ACCOUNT, null, null))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("settings must be provided")
                .expectException(reason(RejectionReason.INVALID_ARGUMENT));
    }
}
