package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a sign-in on the user, with the auto-groups it leaves the user in (computed by {@link JwtGroupsSync}
 * from the claim and the account's groups, which this aggregate does not know).
 *
 * @param peerId the device signed in from, or null for a sign-in to the API or the console
 */
public record LogUserInCommand(
        @TargetAggregateIdentifier UserId userId,
        AccountId accountId,
        PeerId peerId,
        GroupsClaim groupsClaim,
        Set<GroupId> autoGroups,
        Instant at) {
}
