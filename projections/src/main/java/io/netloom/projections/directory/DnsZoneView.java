package io.netloom.projections.directory;

import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import java.util.List;
import java.util.Optional;

/** A custom zone with its records, in the order they were created. */
public record DnsZoneView(DnsZoneId id, AccountId accountId, DnsZoneDefinition definition, List<DnsRecordView> records) {

    public DnsZoneView {
        records = List.copyOf(records);
    }

    public Optional<DnsRecordView> record(DnsRecordId recordId) {
        return records.stream().filter(record -> record.id().equals(recordId)).findFirst();
    }
}
