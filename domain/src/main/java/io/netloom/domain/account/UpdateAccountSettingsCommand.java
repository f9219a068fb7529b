package io.netloom.domain.account;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code network} may be null when the caller does not send it; it can never change anyway. */
public record UpdateAccountSettingsCommand(
        @TargetAggregateIdentifier AccountId accountId,
        AccountSettings settings,
        Ipv4Network network) {
}
