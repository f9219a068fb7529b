package io.netloom.server.audit.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A stored event as the history's answers cite it: enough for an auditor to find it in the export
 * ({@code position}, {@code event_id}) and to read what happened, when, by whom and to what.
 */
public record CitedEvent(long position, Instant time, @JsonProperty("event_id") String eventId, String kind,
        Actor actor, Resource resource) {

    /**
     * Who caused the event.
     *
     * @param type       {@code user}, {@code token} (a user's personal access token), {@code scim_token},
     *                   {@code setup_key}, {@code peer}, {@code directory_sync}, {@code logout} or {@code system}
     * @param name       the user's name or e-mail, the token's, setup key's or peer's name, as they are now; empty
     *                   when gone
     * @param onBehalfOf for a token, the user whose it is
     */
    public record Actor(String type, String id, String name,
            @JsonProperty("on_behalf_of") @JsonInclude(JsonInclude.Include.NON_NULL) Actor onBehalfOf) {

        public Actor(String type, String id, String name) {
            this(type, id, name, null);
        }
    }

    /** What the event changed: its aggregate, e.g. {@code Group} and the group's id. */
    public record Resource(String type, String id) {
    }
}
