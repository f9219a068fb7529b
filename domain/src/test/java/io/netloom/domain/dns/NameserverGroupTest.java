package io.netloom.domain.dns;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.dns.TestDns.NS_GROUP;
import static io.netloom.domain.dns.TestDns.matchDomains;
import static io.netloom.domain.dns.TestDns.primary;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NameserverGroupTest {

    private FixtureConfiguration<NameserverGroup> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(NameserverGroup.class);
    }

    @Test
    void createWhenValidThenCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateNameserverGroupCommand(NS_GROUP, ACCOUNT, matchDomains("corp.example")))
                .expectEvents(new NameserverGroupCreatedEvent(NS_GROUP, ACCOUNT, matchDomains("corp.example")));
    }

    @Test
    void updateWhenChangedThenUpdatedAndWhenUnchangedThenNoEvent() {
        fixture.given(new NameserverGroupCreatedEvent(NS_GROUP, ACCOUNT, matchDomains("corp.example")))
                .when(new UpdateNameserverGroupCommand(NS_GROUP, ACCOUNT, primary()))
                .expectEvents(new NameserverGroupUpdatedEvent(NS_GROUP, ACCOUNT, primary()));
        fixture.given(new NameserverGroupCreatedEvent(NS_GROUP, ACCOUNT, primary()))
                .when(new UpdateNameserverGroupCommand(NS_GROUP, ACCOUNT, primary()))
                .expectNoEvents();
    }

    @Test
    void updateOrDeleteWhenOtherAccountThenNotFound() {
        fixture.given(new NameserverGroupCreatedEvent(NS_GROUP, ACCOUNT, primary()))
                .when(new UpdateNameserverGroupCommand(NS_GROUP, OTHER_ACCOUNT, primary()))
                .expectException(reason(NOT_FOUND));
        fixture.given(new NameserverGroupCreatedEvent(NS_GROUP, ACCOUNT, primary()))
                .when(new DeleteNameserverGroupCommand(NS_GROUP, OTHER_ACCOUNT))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteWhenExistsThenDeleted() {
        fixture.given(new NameserverGroupCreatedEvent(NS_GROUP, ACCOUNT, primary()))
                .when(new DeleteNameserverGroupCommand(NS_GROUP, ACCOUNT))
                .expectEvents(new NameserverGroupDeletedEvent(NS_GROUP, ACCOUNT));
    }
}
