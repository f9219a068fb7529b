package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserRenamedEvent(UserId userId, AccountId accountId, String name) {
}
