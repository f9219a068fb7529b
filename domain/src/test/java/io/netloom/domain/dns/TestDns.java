package io.netloom.domain.dns;

import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NameserverGroupId;
import java.util.List;
import java.util.Set;

/** Valid DNS configuration and the pieces tests vary. */
final class TestDns {

    static final NameserverGroupId NS_GROUP = new NameserverGroupId("nsg-1");
    static final DnsZoneId ZONE = new DnsZoneId("zone-1");
    static final DnsRecordId RECORD = new DnsRecordId("record-1");
    static final DnsRecordId OTHER_RECORD = new DnsRecordId("record-2");
    static final GroupId OFFICE = new GroupId("group-office");
    static final String PEER_DOMAIN = "netloom.internal";

    private TestDns() {
    }

    static NameserverGroupDefinition matchDomains(String... domains) {
        return new NameserverGroupDefinition("office DNS", "", List.of(new Nameserver("198.18.0.53", 53)), true,
                Set.of(OFFICE), false, List.of(domains), true);
    }

    static NameserverGroupDefinition primary() {
        return new NameserverGroupDefinition("resolvers", "", List.of(new Nameserver("198.18.0.53", 53)), true,
                Set.of(OFFICE), true, List.of(), false);
    }

    static DnsZoneDefinition zone(String domain) {
        return new DnsZoneDefinition("office zone", domain, true, false, Set.of(OFFICE));
    }

    static DnsRecordDefinition a(String name, String address) {
        return new DnsRecordDefinition(name, DnsRecordType.A, address, 300);
    }

    static DnsRecordDefinition cname(String name, String target) {
        return new DnsRecordDefinition(name, DnsRecordType.CNAME, target, 300);
    }
}
