package io.netloom.domain.account;

import static io.netloom.domain.TestData.ACCOUNT;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.UserId;
import java.time.Duration;

final class TestAccounts {

    static final UserId OWNER = new UserId("owner-1");
    static final String DOMAIN = "example.com";

    private TestAccounts() {
    }

    static CreateAccountCommand create() {
        return new CreateAccountCommand(ACCOUNT, OWNER, DOMAIN, Ipv4Network.DEFAULT, AccountSettings.defaults());
    }

    static AccountCreatedEvent created() {
        return new AccountCreatedEvent(ACCOUNT, OWNER, DOMAIN, Ipv4Network.DEFAULT, AccountSettings.defaults());
    }

    /** The defaults with approval switched on, i.e. one setting changed. */
    static AccountSettings approvalRequiredSettings() {
        return new AccountSettings(true, Duration.ofHours(24), false, Duration.ofMinutes(10), true, true,
                "netloom.internal");
    }
}
