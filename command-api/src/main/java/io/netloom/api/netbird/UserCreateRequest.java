package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code UserCreateRequest} (body of {@code POST /api/users}). Required:
 * {@code role}, {@code auto_groups}, {@code is_service_user}; {@code email} and {@code name} are optional
 * (a service user has no email).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserCreateRequest(
    @JsonProperty("email") String email,
    @JsonProperty("name") String name,
    @JsonProperty("role") String role,
    @JsonProperty("auto_groups") List<String> autoGroups,
    @JsonProperty("is_service_user") Boolean isServiceUser) {}
