package io.netloom.domain.setupkey;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.SetupKeyId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SetupKeyRevokedEvent(SetupKeyId setupKeyId, AccountId accountId) {
}
