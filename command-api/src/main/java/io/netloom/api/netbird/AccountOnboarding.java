package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code AccountOnboarding} (in {@code Account} responses and {@code AccountRequest}
 * requests, hence boxed). Both properties are required in a response.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountOnboarding(
    @JsonProperty("signup_form_pending") Boolean signupFormPending,
    @JsonProperty("onboarding_flow_pending") Boolean onboardingFlowPending) {

  /** Onboarding completed: nothing pending (what a self-hosted account reports). */
  public static AccountOnboarding completed() {
    return new AccountOnboarding(false, false);
  }
}
