package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mirrors NetBird's schema {@code DNSRecordRequest} (body of {@code POST /api/dns/zones/{zoneId}/records} and
 * {@code PUT .../records/{recordId}}). Required: {@code name}, {@code type} ({@code A}, {@code AAAA},
 * {@code CNAME}), {@code content}, {@code ttl}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DNSRecordRequest(
    @JsonProperty("name") String name,
    @JsonProperty("type") String type,
    @JsonProperty("content") String content,
    @JsonProperty("ttl") Integer ttl) {}
