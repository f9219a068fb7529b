package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.serialization.Revision;

/** @param identityProvider "" unless the external id is that provider's subject for the person (ADR 0026) */
@Revision("1")
public record UserExternalIdSetEvent(UserId userId, AccountId accountId, String externalId, String identityProvider) {
}
