package io.netloom.domain.setupkey;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * {@code usageLimit} is the effective limit: always 1 for a one-off key, 0 meaning unlimited. {@code createdBy}
 * is the user who created the key (NetBird records it too), whose offboarding can cut the key's peers; revision 1
 * did not record it, so it is null there.
 */
@Revision("2")
public record SetupKeyCreatedEvent(
        SetupKeyId setupKeyId,
        AccountId accountId,
        String name,
        SetupKeyType type,
        String keyHash,
        String maskedKey,
        Instant createdAt,
        Instant expiresAt,
        int usageLimit,
        Set<GroupId> autoGroups,
        boolean ephemeral,
        boolean allowExtraDnsLabels,
        UserId createdBy) {
}
