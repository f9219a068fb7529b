package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code User} (responses of {@code /api/users...}). Required: {@code id},
 * {@code email}, {@code name}, {@code role}, {@code auto_groups}, {@code status} (one of {@code "active"},
 * {@code "invited"}, {@code "blocked"}), {@code is_blocked}, {@code pending_approval}. The others are optional
 * and omitted when null; {@code password} is the initial password of the embedded user store, only in the
 * answer that created the user.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
    @JsonProperty("id") String id,
    @JsonProperty("email") String email,
    @JsonProperty("password") String password,
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
    @JsonProperty("permissions") UserPermissions permissions) {

  /** The same user, with the initial password the creating answer carries. */
  public User withPassword(String initialPassword) {
    return new User(id, email, initialPassword, name, role, status, lastLogin, autoGroups, isCurrent, isServiceUser,
        isBlocked, pendingApproval, issued, permissions);
  }
}
