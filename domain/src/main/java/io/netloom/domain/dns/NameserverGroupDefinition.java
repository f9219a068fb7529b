package io.netloom.domain.dns;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.DnsNames;
import io.netloom.domain.common.Required;
import io.netloom.domain.common.StableSets;
import io.netloom.domain.common.Texts;
import io.netloom.domain.ids.GroupId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything an admin sets on a nameserver group, as NetBird's NameserverGroupRequest has it: the resolvers
 * (1 to 3, asked in order), the peers that use them (members of {@code groups}), and what they resolve: every
 * name ({@code primary}) or only the match {@code domains} and the names below them, exactly one of the two.
 *
 * @param domains match domains in the order given, normalised (lowercase, no trailing dot)
 * @param searchDomainsEnabled whether the match domains are also search domains, so "wiki" finds
 *     "wiki.corp.example"; only for match domains
 */
public record NameserverGroupDefinition(
        String name,
        String description,
        List<Nameserver> nameservers,
        boolean enabled,
        Set<GroupId> groups,
        boolean primary,
        List<String> domains,
        boolean searchDomainsEnabled) {

    /** NetBird's limit on a nameserver group's name. */
    public static final int MAX_NAME_LENGTH = 40;
    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    public static final int MAX_NAMESERVERS = 3;
    /** NetBird's limit on a list of domains. */
    public static final int MAX_DOMAINS = 32;

    public NameserverGroupDefinition {
        name = validName(name);
        description = Texts.optional(description, "nameserver group description", MAX_DESCRIPTION_LENGTH);
        nameservers = validNameservers(nameservers);
        groups = StableSets.copyOf(groups, "groups");
        if (groups.isEmpty()) {
            throw CommandRejectedException.invalid(
                    "a nameserver group needs at least one group of peers to distribute it to");
        }
        domains = validDomains(domains);
        if (primary && !domains.isEmpty()) {
            throw CommandRejectedException.invalid("a primary nameserver group resolves every domain: set either"
                    + " primary or domains, not both");
        }
        if (!primary && domains.isEmpty()) {
            throw CommandRejectedException.invalid("a nameserver group must be primary or have at least one match"
                    + " domain");
        }
        if (primary && searchDomainsEnabled) {
            throw CommandRejectedException.invalid("search domains need match domains: a primary nameserver group"
                    + " cannot enable them");
        }
    }

    /** Whether the group names {@code group} for distribution: such a group cannot be deleted. */
    public boolean references(GroupId group) {
        return groups.contains(group);
    }

    private static String validName(String name) {
        String value = Required.present(name, "nameserver group name").strip();
        if (value.isEmpty() || value.codePointCount(0, value.length()) > MAX_NAME_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            throw CommandRejectedException.invalid("nameserver group name must be 1 to " + MAX_NAME_LENGTH
                    + " characters without control characters");
        }
        return value;
    }

    private static List<Nameserver> validNameservers(List<Nameserver> nameservers) {
        List<Nameserver> list = Required.present(nameservers, "nameservers");
        if (list.isEmpty() || list.size() > MAX_NAMESERVERS) {
            throw CommandRejectedException.invalid("a nameserver group needs 1 to " + MAX_NAMESERVERS
                    + " nameservers, got " + list.size());
        }
        if (list.stream().anyMatch(Objects::isNull)) {
            throw CommandRejectedException.invalid("nameservers must not contain empty entries");
        }
        if (new LinkedHashSet<>(list).size() != list.size()) {
            throw CommandRejectedException.invalid("nameservers must not name the same address and port twice");
        }
        return List.copyOf(list);
    }

    private static List<String> validDomains(List<String> domains) {
        if (domains == null) {
            return List.of();
        }
        if (domains.size() > MAX_DOMAINS) {
            throw CommandRejectedException.invalid("a nameserver group takes at most " + MAX_DOMAINS
                    + " match domains, got " + domains.size());
        }
        List<String> normalized = new ArrayList<>(domains.size());
        for (String domain : domains) {
            String value = DnsNames.configuredDomain(domain, "match domain");
            if (normalized.contains(value)) {
                throw CommandRejectedException.invalid("match domain \"" + value + "\" is listed twice");
            }
            normalized.add(value);
        }
        return List.copyOf(normalized);
    }
}
