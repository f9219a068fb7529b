package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import org.axonframework.serialization.Revision;

/** @param definition the record as it was, so that the audit log can name what was deleted */
@Revision("1")
public record DnsRecordDeletedEvent(
        DnsZoneId zoneId, AccountId accountId, DnsRecordId recordId, DnsRecordDefinition definition) {
}
