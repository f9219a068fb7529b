package io.netloom.domain.setupkey;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.ids.UserId;
import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Carries only the key's hash and a masked form for display: the plain key is shown to the caller once and
 * never enters the domain. A usage limit of 0 means unlimited.
 */
public record CreateSetupKeyCommand(
        @TargetAggregateIdentifier SetupKeyId setupKeyId,
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
