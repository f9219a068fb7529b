package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * Mirrors NetBird's schema {@code Event} (an audit event; elements of {@code GET /api/events/audit}). Every
 * property is required: {@code id} is a string (NetBird's are decimal numbers as strings); {@code activity} is
 * the human-readable text (e.g. {@code "Route created"}); {@code activity_code} must be one of the schema's
 * enumerated codes (e.g. {@code "peer.user.add"}, {@code "group.add"}, {@code "policy.update"},
 * {@code "setupkey.revoke"}); {@code initiator_id}, {@code initiator_name}, {@code initiator_email} and
 * {@code target_id} are strings ({@code ""} when unknown); {@code meta} is a string-to-string map ({@code {}}
 * when empty).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
    @JsonProperty("id") String id,
    @JsonProperty("timestamp") Instant timestamp,
    @JsonProperty("activity") String activity,
    @JsonProperty("activity_code") String activityCode,
    @JsonProperty("initiator_id") String initiatorId,
    @JsonProperty("initiator_name") String initiatorName,
    @JsonProperty("initiator_email") String initiatorEmail,
    @JsonProperty("target_id") String targetId,
    @JsonProperty("meta") Map<String, String> meta) {}
