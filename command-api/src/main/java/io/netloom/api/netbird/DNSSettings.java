package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code DNSSettings} (response of {@code GET /api/dns/settings}, body and response of
 * its {@code PUT}). Required: {@code disabled_management_groups}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DNSSettings(@JsonProperty("disabled_management_groups") List<String> disabledManagementGroups) {}
