package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code Resource} (a network resource referenced by {@code Group.resources},
 * {@code GroupRequest.resources} and policy rules' {@code sourceResource}/{@code destinationResource}). Both
 * properties are required. Netloom has no network resources: it sends empty {@code resources} arrays, and this
 * record exists so that requests naming resources can be read and rejected.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Resource(
    @JsonProperty("id") String id,
    @JsonProperty("type") String type) {}
