package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PersonalAccessTokenDeletedEvent(UserId userId, AccountId accountId, TokenId tokenId) {
}
