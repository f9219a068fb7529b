package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsZoneId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DnsZoneCreatedEvent(DnsZoneId zoneId, AccountId accountId, DnsZoneDefinition definition) {
}
