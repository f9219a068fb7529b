package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code RulePortRange} (in policy rule responses and requests, hence boxed). Both
 * properties are required; a range with {@code start == end} is a single port.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RulePortRange(
    @JsonProperty("start") Integer start,
    @JsonProperty("end") Integer end) {

  /** The range {@code start..end}. */
  public static RulePortRange of(int start, int end) {
    return new RulePortRange(start, end);
  }
}
