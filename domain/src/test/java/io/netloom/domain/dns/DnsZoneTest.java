package io.netloom.domain.dns;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.TestData.OTHER_ACCOUNT;
import static io.netloom.domain.common.RejectionReason.ALREADY_EXISTS;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;
import static io.netloom.domain.dns.TestDns.OTHER_RECORD;
import static io.netloom.domain.dns.TestDns.PEER_DOMAIN;
import static io.netloom.domain.dns.TestDns.RECORD;
import static io.netloom.domain.dns.TestDns.ZONE;
import static io.netloom.domain.dns.TestDns.a;
import static io.netloom.domain.dns.TestDns.cname;
import static io.netloom.domain.dns.TestDns.zone;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.DnsRecordId;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsZoneTest {

    private static final DnsZoneCreatedEvent CREATED = new DnsZoneCreatedEvent(ZONE, ACCOUNT, zone("example.com"));

    private FixtureConfiguration<DnsZone> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DnsZone.class);
    }

    @Test
    void createWhenValidThenCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateDnsZoneCommand(ZONE, ACCOUNT, zone("Example.COM."), PEER_DOMAIN))
                .expectEvents(CREATED);
    }

    @Test
    void createWhenDomainIsThePeersDomainThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateDnsZoneCommand(ZONE, ACCOUNT, zone("netloom.internal"), PEER_DOMAIN))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("zone domain netloom.internal is the account's DNS domain, where the peers'"
                        + " own names live")
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void updateWhenDomainChangesThenRejectedAndWhenSettingsChangeThenUpdated() {
        DnsZoneDefinition renamed = new DnsZoneDefinition("renamed", "example.com", false, true,
                Set.of(TestDns.OFFICE));
        fixture.given(CREATED)
                .when(new UpdateDnsZoneCommand(ZONE, ACCOUNT, zone("example.org")))
                .expectException(reason(INVALID_ARGUMENT));
        fixture.given(CREATED)
                .when(new UpdateDnsZoneCommand(ZONE, ACCOUNT, renamed))
                .expectEvents(new DnsZoneUpdatedEvent(ZONE, ACCOUNT, renamed));
        fixture.given(CREATED)
                .when(new UpdateDnsZoneCommand(ZONE, ACCOUNT, zone("example.com")))
                .expectNoEvents();
    }

    @Test
    void deleteWhenRecordsThenEachRecordDeletedBeforeTheZone() {
        fixture.given(CREATED, new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")),
                        new DnsRecordCreatedEvent(ZONE, ACCOUNT, OTHER_RECORD, a("db.example.com", "10.0.0.2")))
                .when(new DeleteDnsZoneCommand(ZONE, ACCOUNT))
                .expectEvents(new DnsRecordDeletedEvent(ZONE, ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")),
                        new DnsRecordDeletedEvent(ZONE, ACCOUNT, OTHER_RECORD, a("db.example.com", "10.0.0.2")),
                        new DnsZoneDeletedEvent(ZONE, ACCOUNT, zone("example.com")));
    }

    @Test
    void createRecordWhenInsideZoneThenCreated() {
        for (String name : new String[] {"example.com", "www.example.com", "a.b.example.com", "*.example.com"}) {
            fixture.given(CREATED)
                    .when(new CreateDnsRecordCommand(ZONE, ACCOUNT, RECORD, a(name, "10.0.0.1")))
                    .expectEvents(new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, a(name, "10.0.0.1")));
        }
    }

    @Test
    void createRecordWhenOutsideZoneThenRejected() {
        for (String name : new String[] {"example.org", "wwwexample.com", "com", "*.com"}) {
            fixture.given(CREATED)
                    .when(new CreateDnsRecordCommand(ZONE, ACCOUNT, RECORD, a(name, "10.0.0.1")))
                    .expectException(CommandRejectedException.class)
                    .expectExceptionMessage("record name " + name + " is outside the zone example.com")
                    .expectException(reason(INVALID_ARGUMENT));
        }
    }

    @Test
    void createRecordWhenIdenticalRecordExistsThenConflictEvenWithOtherTtl() {
        fixture.given(CREATED, new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")))
                .when(new CreateDnsRecordCommand(ZONE, ACCOUNT, OTHER_RECORD,
                        new DnsRecordDefinition("www.example.com", DnsRecordType.A, "10.0.0.1", 60)))
                .expectException(reason(ALREADY_EXISTS));
    }

    @Test
    void createRecordWhenSecondAddressOfTheSameNameThenCreated() {
        fixture.given(CREATED, new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")))
                .when(new CreateDnsRecordCommand(ZONE, ACCOUNT, OTHER_RECORD, a("www.example.com", "10.0.0.2")))
                .expectEvents(new DnsRecordCreatedEvent(ZONE, ACCOUNT, OTHER_RECORD, a("www.example.com", "10.0.0.2")));
    }

    @Test
    void createRecordWhenCnameBesideAnotherRecordOfItsNameThenRejected() {
        fixture.given(CREATED, new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")))
                .when(new CreateDnsRecordCommand(ZONE, ACCOUNT, OTHER_RECORD, cname("www.example.com", "web.example.com")))
                .expectException(reason(INVALID_ARGUMENT));
        fixture.given(CREATED,
                        new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, cname("www.example.com", "web.example.com")))
                .when(new CreateDnsRecordCommand(ZONE, ACCOUNT, OTHER_RECORD, a("www.example.com", "10.0.0.1")))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("a CNAME record must be the only record of its name, and www.example.com"
                        + " already has a CNAME record");
    }

    @Test
    void createRecordWhenCnameClosesLoopThenRejectedNamingIt() {
        fixture.given(CREATED,
                        new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, cname("a.example.com", "b.example.com")),
                        new DnsRecordCreatedEvent(ZONE, ACCOUNT, OTHER_RECORD, cname("b.example.com", "c.example.com")))
                .when(new CreateDnsRecordCommand(ZONE, ACCOUNT, new DnsRecordId("record-3"),
                        cname("c.example.com", "a.example.com")))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("CNAME loop: c.example.com -> a.example.com -> b.example.com -> c.example.com")
                .expectException(reason(INVALID_ARGUMENT));
        fixture.given(CREATED)
                .when(new CreateDnsRecordCommand(ZONE, ACCOUNT, RECORD, cname("a.example.com", "a.example.com")))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("CNAME loop: a.example.com -> a.example.com");
    }

    @Test
    void updateRecordWhenItWouldCloseLoopThenRejectedAndWhenItReplacesTheLinkThenAccepted() {
        fixture.given(CREATED,
                        new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, cname("a.example.com", "b.example.com")),
                        new DnsRecordCreatedEvent(ZONE, ACCOUNT, OTHER_RECORD, cname("b.example.com", "c.example.com")))
                .when(new UpdateDnsRecordCommand(ZONE, ACCOUNT, OTHER_RECORD, cname("b.example.com", "a.example.com")))
                .expectException(reason(INVALID_ARGUMENT));
        fixture.given(CREATED,
                        new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, cname("a.example.com", "b.example.com")))
                .when(new UpdateDnsRecordCommand(ZONE, ACCOUNT, RECORD, cname("a.example.com", "c.example.com")))
                .expectEvents(new DnsRecordUpdatedEvent(ZONE, ACCOUNT, RECORD, cname("a.example.com", "c.example.com")));
    }

    @Test
    void updateOrDeleteRecordWhenUnknownThenNotFound() {
        fixture.given(CREATED)
                .when(new UpdateDnsRecordCommand(ZONE, ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")))
                .expectException(reason(NOT_FOUND));
        fixture.given(CREATED)
                .when(new DeleteDnsRecordCommand(ZONE, ACCOUNT, RECORD))
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void recordCommandWhenOtherAccountThenZoneNotFound() {
        fixture.given(CREATED)
                .when(new CreateDnsRecordCommand(ZONE, OTHER_ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("zone not found")
                .expectException(reason(NOT_FOUND));
    }

    @Test
    void deleteRecordWhenExistsThenDeletedWithWhatItWas() {
        fixture.given(CREATED, new DnsRecordCreatedEvent(ZONE, ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")))
                .when(new DeleteDnsRecordCommand(ZONE, ACCOUNT, RECORD))
                .expectEvents(new DnsRecordDeletedEvent(ZONE, ACCOUNT, RECORD, a("www.example.com", "10.0.0.1")));
    }
}
