package io.netloom.projections.directory;

import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;

public record DnsRecordView(DnsRecordId id, DnsZoneId zoneId, DnsRecordDefinition definition) {
}
