package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code User} (responses of {@code /api/users...}). Required: {@code id},
 * {@code email}, {@code name}, {@code role}, {@code auto_groups}, {@code status} (one of {@code "active"},
 * {@code "invited"}, {@code "blocked"}), {@code is_blocked}, {@code pending_approval}. The others are optional
 * and omitted when null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
    @JsonProperty("id") String id,
    @JsonProperty("email") String email,
    @JsonProperty("name") String name,
    @JsonProperty("role") String role,
    @JsonProperty("status") String status,
    @JsonProperty("last_login") Instant lastLogin,
    @JsonProperty("auto_groups") List<String> autoGroups,
    @JsonProperty("is_current") Boolean isCurrent,
    @JsonProperty("is_service_user") Boolean isServiceUser,
    @JsonProperty("is_blocked") boolean isBlocked,
    @JsonProperty("pending_approval") boolean pendingApproval,
    @JsonProperty("issued") String issued,
    @JsonProperty("permissions") UserPermissions permissions) {}
