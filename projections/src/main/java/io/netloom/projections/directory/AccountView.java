package io.netloom.projections.directory;

import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;

public record AccountView(
        AccountId id, UserId createdBy, String domain, Ipv4Network network, AccountSettings settings, Instant createdAt) {

    AccountView withSettings(AccountSettings newSettings) {
        return new AccountView(id, createdBy, domain, network, newSettings, createdAt);
    }
}
