package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DnsRecordCreatedEvent(
        DnsZoneId zoneId, AccountId accountId, DnsRecordId recordId, DnsRecordDefinition definition) {
}
