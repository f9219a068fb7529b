package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's error body {@code {"message": "...", "code": 422}} (schema {@code ErrorResponse}, which
 * only declares {@code message}; {@code code}, the HTTP status, is what NetBird's {@code util.WriteError} sends).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(
    @JsonProperty("message") String message,
    @JsonProperty("code") int code) {

  /** An error body for the given HTTP status. */
  public static ErrorResponse of(int status, String message) {
    return new ErrorResponse(message, status);
  }
}
