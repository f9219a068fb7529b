package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.List;

/**
 * What the sign-in side reports each time a person signs in: who, from which of their devices (null for a
 * sign-in to the API or the console), and the group names their token's groups claim held (null when the
 * token had no such claim). The server's {@code UserLogins} turns it into the commands below, in one
 * transaction: groups the claim brings are created, the user's auto-groups follow, the user's peers join and
 * leave those groups, and the device's login is renewed. Who signed in travels as the initiator, like every
 * actor.
 */
public record RecordUserLoginCommand(
        AccountId accountId,
        UserId userId,
        PeerId peerId,
        List<String> groupsClaim,
        Instant at) {
}
