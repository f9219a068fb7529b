package io.netloom.projections.history;

import java.time.Instant;

/**
 * The stored event that made a change, as an auditor cites it.
 *
 * @param position the event's place in its account's hash chain (ADR 0034)
 * @param kind what happened, e.g. {@code PeersAddedToGroup}
 * @param actor who caused it, as recorded with the event ({@code Initiator}): a user, setup key or peer id,
 *     {@code token:<token>:<user>} for a user's personal access token, {@code scim:<token>},
 *     {@code directory-sync:<provider>}, {@code back-channel-logout:<provider>} or {@code system}
 * @param resourceType the kind of thing it changed (its aggregate): {@code Group}, {@code Policy}, {@code Peer}, ...
 * @param resourceId that thing's id
 */
public record EventRef(long position, Instant occurredAt, String eventId, String kind, String actor,
        String resourceType, String resourceId) {
}
