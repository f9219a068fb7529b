package io.netloom.domain.account;

import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.account.TestAccounts.created;

import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsSettingsUpdatedEvent;
import io.netloom.domain.dns.UpdateDnsSettingsCommand;
import io.netloom.domain.ids.GroupId;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsSettingsTest {

    private static final DnsSettings LABS = new DnsSettings(Set.of(new GroupId("group-labs")));

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void updateDnsSettingsWhenChangedThenUpdatedAndWhenUnchangedThenNoEvent() {
        fixture.given(created())
                .when(new UpdateDnsSettingsCommand(ACCOUNT, LABS))
                .expectEvents(new DnsSettingsUpdatedEvent(ACCOUNT, LABS));
        fixture.given(created(), new DnsSettingsUpdatedEvent(ACCOUNT, LABS))
                .when(new UpdateDnsSettingsCommand(ACCOUNT, new DnsSettings(Set.of(new GroupId("group-labs")))))
                .expectNoEvents();
    }

    @Test
    void updateDnsSettingsWhenNoneBeforeAndNoneAskedThenNoEvent() {
        fixture.given(created())
                .when(new UpdateDnsSettingsCommand(ACCOUNT, DnsSettings.NONE))
                .expectNoEvents();
    }
}
