package io.netloom.api.netbird;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Mirrors NetBird's schema {@code PolicyRule} ({@code PolicyRuleMinimum} + {@code id} and groups as
 * {@code GroupMinimum} objects; the rules of a {@code Policy} response). Required: {@code name},
 * {@code enabled}, {@code action} ({@code "accept"} or {@code "drop"}), {@code bidirectional},
 * {@code protocol} ({@code "all"}, {@code "tcp"}, {@code "udp"}, {@code "icmp"} or {@code "netbird-ssh"}).
 * Optional: {@code id}, {@code description}, {@code ports} (port numbers as strings) and {@code port_ranges}
 * (mutually exclusive), {@code sources}, {@code destinations}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyRule(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("action") String action,
    @JsonProperty("bidirectional") boolean bidirectional,
    @JsonProperty("protocol") String protocol,
    @JsonProperty("ports") List<String> ports,
    @JsonProperty("port_ranges") List<RulePortRange> portRanges,
    @JsonProperty("sources") List<GroupMinimum> sources,
    @JsonProperty("destinations") List<GroupMinimum> destinations) {}
