package io.netloom.projections.audit;

import io.netloom.domain.ids.AccountId;
import java.util.Map;

/** One line of an account's audit history, with NetBird's activity code and text. */
public record AuditEntry(AccountId accountId, String activityCode, String activity, String targetId,
        Map<String, String> meta) {

    public AuditEntry {
        meta = Map.copyOf(meta);
    }
}
