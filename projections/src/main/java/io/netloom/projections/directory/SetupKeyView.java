package io.netloom.projections.directory;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.SetupKeyId;
import io.netloom.domain.setupkey.SetupKeyType;
import io.netloom.domain.setupkey.SetupKeyUsage;
import java.time.Instant;
import java.util.Set;

/** A setup key as far as it is known: its hash and masked form, never the key. */
public record SetupKeyView(
        SetupKeyId id,
        AccountId accountId,
        String name,
        SetupKeyType type,
        String keyHash,
        String maskedKey,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        int usageLimit,
        int usedTimes,
        Instant lastUsed,
        boolean revoked,
        Set<GroupId> autoGroups,
        boolean ephemeral,
        boolean allowExtraDnsLabels) {

    public SetupKeyUsage usage() {
        return new SetupKeyUsage(revoked, expiresAt, usageLimit, usedTimes);
    }

    /** NetBird's four states, in the order NetBird checks them. */
    public String stateAt(Instant now) {
        if (revoked) {
            return "revoked";
        }
        if (!now.isBefore(expiresAt)) {
            return "expired";
        }
        if (isExhausted()) {
            return "overused";
        }
        return "valid";
    }

    public boolean isValidAt(Instant now) {
        return "valid".equals(stateAt(now));
    }

    private boolean isExhausted() {
        return usageLimit > 0 && usedTimes >= usageLimit;
    }

    SetupKeyView used(Instant at) {
        return new SetupKeyView(id, accountId, name, type, keyHash, maskedKey, createdAt, at, expiresAt, usageLimit,
                usedTimes + 1, at, revoked, autoGroups, ephemeral, allowExtraDnsLabels);
    }

    SetupKeyView revokedAt(Instant at) {
        return new SetupKeyView(id, accountId, name, type, keyHash, maskedKey, createdAt, at, expiresAt, usageLimit,
                usedTimes, lastUsed, true, autoGroups, ephemeral, allowExtraDnsLabels);
    }

    SetupKeyView withAutoGroups(Set<GroupId> groups, Instant at) {
        return new SetupKeyView(id, accountId, name, type, keyHash, maskedKey, createdAt, at, expiresAt, usageLimit,
                usedTimes, lastUsed, revoked, Set.copyOf(groups), ephemeral, allowExtraDnsLabels);
    }
}
