package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsZoneId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a custom zone. {@code peerDnsDomain} is the account's DNS domain, which the peers' own names live in and
 * no custom zone may take: the caller reads it from the account so the aggregate stays free of I/O.
 */
public record CreateDnsZoneCommand(
        @TargetAggregateIdentifier DnsZoneId zoneId,
        AccountId accountId,
        DnsZoneDefinition definition,
        String peerDnsDomain) {
}
