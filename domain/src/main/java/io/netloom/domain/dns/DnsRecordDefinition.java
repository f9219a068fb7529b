package io.netloom.domain.dns;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.DnsNames;
import io.netloom.domain.common.Ipv4Address;
import io.netloom.domain.common.IpLiterals;
import io.netloom.domain.common.Required;

/**
 * One record of a custom zone, as NetBird's DNSRecordRequest has it. Whether it lies inside its zone and fits
 * beside the zone's other records is the zone's call ({@link DnsZone}).
 *
 * @param name the owner name, normalised; may start with a wildcard label ("*.example.com")
 * @param content an IPv4 address (A), an IPv6 address (AAAA, lowercase) or a domain without wildcard (CNAME,
 *     normalised)
 * @param ttl seconds resolvers may cache the answer
 */
public record DnsRecordDefinition(String name, DnsRecordType type, String content, int ttl) {

    public static final int MAX_CONTENT_LENGTH = 255;

    public DnsRecordDefinition {
        name = DnsNames.recordName(name, "record name");
        Required.present(type, "record type");
        content = validContent(type, Required.present(content, "record content").strip());
        if (ttl < 0) {
            throw CommandRejectedException.invalid("record ttl must not be negative, got " + ttl);
        }
    }

    /** Same name and type and content: NetBird refuses such a twin even with another TTL. */
    public boolean sameDataAs(DnsRecordDefinition other) {
        return name.equals(other.name) && type == other.type && content.equals(other.content);
    }

    private static String validContent(DnsRecordType type, String content) {
        if (content.isEmpty() || content.length() > MAX_CONTENT_LENGTH) {
            throw CommandRejectedException.invalid("record content must be 1 to " + MAX_CONTENT_LENGTH
                    + " characters");
        }
        return switch (type) {
            case A -> Ipv4Address.requireValid(content, "an A record's content");
            case AAAA -> IpLiterals.requireIpv6(content, "an AAAA record's content");
            case CNAME -> DnsNames.configuredDomain(content, "a CNAME record's target");
        };
    }
}
