package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Mirrors NetBird's schema {@code UserPermissions} (optional {@code permissions} of {@code User}). Both
 * properties are required; {@code modules} maps a module name (e.g. {@code "peers"}) to operation
 * ({@code "read"}, {@code "create"}, {@code "update"}, {@code "delete"}) to allowed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserPermissions(
    @JsonProperty("is_restricted") boolean isRestricted,
    @JsonProperty("modules") Map<String, Map<String, Boolean>> modules) {}
