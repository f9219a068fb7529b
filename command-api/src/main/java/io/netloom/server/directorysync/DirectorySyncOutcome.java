package io.netloom.server.directorysync;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netloom.domain.ids.AccountId;
import java.time.Instant;

/**
 * What one run of a provider's directory sync did, as admins see it.
 *
 * @param usersSeen people the directory listed
 * @param linked Netloom users the provider's people signed in as
 * @param failed users whose change was refused or failed (logged; tried again next run)
 * @param error why the directory could not be read; null when the run read it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectorySyncOutcome(
        @JsonProperty("provider") String provider,
        @JsonIgnore AccountId accountId,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("took_ms") long tookMillis,
        @JsonProperty("users_seen") int usersSeen,
        @JsonProperty("linked_users") int linked,
        @JsonProperty("blocked") int blocked,
        @JsonProperty("unblocked") int unblocked,
        @JsonProperty("groups_changed") int groupsChanged,
        @JsonProperty("failed") int failed,
        @JsonProperty("error") String error) {

    static DirectorySyncOutcome unavailable(String provider, AccountId accountId, Instant at, long tookMillis,
            String error) {
        return new DirectorySyncOutcome(provider, accountId, at, tookMillis, 0, 0, 0, 0, 0, 0, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
