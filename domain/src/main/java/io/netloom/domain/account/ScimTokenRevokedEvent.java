package io.netloom.domain.account;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ScimTokenRevokedEvent(AccountId accountId, TokenId tokenId) {
}
