package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsZoneId;
import org.axonframework.serialization.Revision;

/**
 * Comes after a {@link DnsRecordDeletedEvent} for each record the zone still had.
 *
 * @param definition the zone as it was, so that the audit log can name what was deleted
 */
@Revision("1")
public record DnsZoneDeletedEvent(DnsZoneId zoneId, AccountId accountId, DnsZoneDefinition definition) {
}
