package io.netloom.domain.account;

import io.netloom.domain.ids.AccountId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountSettingsUpdatedEvent(AccountId accountId, AccountSettings settings) {
}
