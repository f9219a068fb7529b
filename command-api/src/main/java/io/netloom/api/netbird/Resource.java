package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code Resource} (a network resource referenced by {@code Group.resources},
 * {@code GroupRequest.resources} and policy rules' {@code sourceResource}/{@code destinationResource}). Both
 * properties are required. Groups list the network resources that name them; requests that name resources in a
 * group or a policy rule are read and rejected, since resources choose their groups themselves (ADR 0030).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Resource(
    @JsonProperty("id") String id,
    @JsonProperty("type") String type) {}
