package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;

/** A person as an identity provider knows them, in the account that provider's people join. */
public record IdentityLink(AccountId accountId, String identityProvider, String subject) {
}
