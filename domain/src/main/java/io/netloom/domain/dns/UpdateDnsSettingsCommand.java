package io.netloom.domain.dns;

import io.netloom.domain.ids.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the account's DNS settings; handled by the account, which owns them. */
public record UpdateDnsSettingsCommand(@TargetAggregateIdentifier AccountId accountId, DnsSettings settings) {
}
