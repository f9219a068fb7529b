package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.DnsZoneId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes the zone with all its records. */
public record DeleteDnsZoneCommand(@TargetAggregateIdentifier DnsZoneId zoneId, AccountId accountId) {
}
