package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;

/**
 * What the sign-in side reports each time a person signs in: who, from which of their devices (null for a
 * sign-in to the API or the console), and the groups claim of their token ({@link GroupsClaim#fromToken} or
 * {@link GroupsClaim#of}; null when the token had none). The server's {@code UserLogins} turns it into
 * commands to several aggregates in one transaction: groups the claim brings are created, the user's
 * auto-groups follow, the user's peers join and leave those groups, and the device's login is renewed. Who
 * signed in travels as the initiator, like every actor.
 */
public record RecordUserLoginCommand(
        AccountId accountId,
        UserId userId,
        PeerId peerId,
        GroupsClaim groupsClaim,
        Instant at) {
}
