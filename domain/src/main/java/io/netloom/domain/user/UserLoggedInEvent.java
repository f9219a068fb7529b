package io.netloom.domain.user;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A person signed in: from which device (null: the API or the console), which group names the token's claim
 * held, and which groups the sign-in made the user join and leave.
 *
 * @param groupsClaimIgnoredBecause why the claim was ignored (see {@link GroupsClaim}), empty if it was not
 */
@Revision("1")
public record UserLoggedInEvent(
        UserId userId,
        AccountId accountId,
        PeerId peerId,
        List<String> groupsClaim,
        String groupsClaimIgnoredBecause,
        Set<GroupId> joinedGroups,
        Set<GroupId> leftGroups,
        Instant at) {
}
