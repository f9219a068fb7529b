package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.UserId;
import org.axonframework.serialization.Revision;

/** A person's embedded-store password changed; the event holds its hash only. */
@Revision("1")
public record LocalPasswordSetEvent(UserId userId, AccountId accountId, String passwordHash, boolean changeRequired) {
}
