package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateDnsRecordCommand(
        @TargetAggregateIdentifier DnsZoneId zoneId,
        AccountId accountId,
        DnsRecordId recordId,
        DnsRecordDefinition definition) {
}
