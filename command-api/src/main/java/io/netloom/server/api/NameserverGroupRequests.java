package io.netloom.server.api;

import io.netloom.api.netbird.NameserverGroupRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.dns.Nameserver;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.projections.directory.AccountRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns NetBird's nameserver group request into the domain's definition, checking what it names. */
final class NameserverGroupRequests {

    private NameserverGroupRequests() {
    }

    /** The group {@code self} (empty for a new one) as the request would make it; run under the account's lock. */
    static NameserverGroupDefinition checked(AccountRecords records, NameserverGroupRequest request,
            Optional<NameserverGroupId> self) {
        List<String> groups = Required.field(request.groups(), "groups");
        NameserverGroupDefinition definition = new NameserverGroupDefinition(
                Required.field(request.name(), "name"),
                request.description(),
                nameservers(Required.field(request.nameservers(), "nameservers")),
                Required.field(request.enabled(), "enabled"),
                ExistingGroups.require(records, groups),
                Required.field(request.primary(), "primary"),
                request.domains() == null ? List.of() : request.domains(),
                Boolean.TRUE.equals(request.searchDomainsEnabled()));
        // NetBird answers a taken name with 422 too: names tell groups apart in its dashboard.
        records.nameserverGroups().stream()
                .filter(other -> self.isEmpty() || !other.id().equals(self.get()))
                .filter(other -> other.definition().name().equals(definition.name()))
                .findFirst().ifPresent(twin -> {
                    throw CommandRejectedException.invalid("a nameserver group named \"" + definition.name()
                            + "\" already exists");
                });
        return definition;
    }

    private static List<Nameserver> nameservers(List<io.netloom.api.netbird.Nameserver> requested) {
        List<Nameserver> nameservers = new ArrayList<>(requested.size());
        for (io.netloom.api.netbird.Nameserver nameserver : requested) {
            String type = Required.field(nameserver.nsType(), "ns_type");
            if (!io.netloom.api.netbird.Nameserver.UDP.equals(type)) {
                throw CommandRejectedException.invalid("ns_type must be \"udp\", got \"" + type + "\"");
            }
            nameservers.add(new Nameserver(Required.field(nameserver.ip(), "ip"),
                    Required.field(nameserver.port(), "port")));
        }
        return nameservers;
    }
}
