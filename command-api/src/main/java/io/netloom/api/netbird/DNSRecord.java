package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code DNSRecord} ({@code DNSRecordRequest} plus {@code id}; response of
 * {@code /api/dns/zones/{zoneId}/records...} and inside {@code Zone}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DNSRecord(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("type") String type,
    @JsonProperty("content") String content,
    @JsonProperty("ttl") int ttl) {}
