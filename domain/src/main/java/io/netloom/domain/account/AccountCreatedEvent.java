package io.netloom.domain.account;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountCreatedEvent(
        AccountId accountId,
        UserId createdBy,
        String domain,
        Ipv4Network network,
        AccountSettings settings) {
}
