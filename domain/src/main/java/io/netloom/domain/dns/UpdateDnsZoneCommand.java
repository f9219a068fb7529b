package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsZoneId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the zone's own settings, as NetBird's PUT does; its domain cannot change and its records stay. */
public record UpdateDnsZoneCommand(
        @TargetAggregateIdentifier DnsZoneId zoneId, AccountId accountId, DnsZoneDefinition definition) {
}
