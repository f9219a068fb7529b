package io.netloom.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.dns.DnsRecordDefinition;
import io.netloom.domain.dns.DnsRecordType;
import io.netloom.domain.dns.DnsSettings;
import io.netloom.domain.dns.DnsZoneDefinition;
import io.netloom.domain.dns.Nameserver;
import io.netloom.domain.dns.NameserverGroupDefinition;
import io.netloom.domain.ids.DnsRecordId;
import io.netloom.domain.ids.DnsZoneId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.NameserverGroupId;
import io.netloom.projections.history.AccountState;
import io.netloom.projections.history.AccountStateData;
import io.netloom.projections.networkmap.DnsSpec;
import io.netloom.server.audit.history.snapshot.SnapshotCodec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The history's snapshots keep the DNS configuration (ADR 0043), and read the ones stored before it existed. */
class DnsSnapshotCodecTest {

    private final ObjectMapper mapper = new AxonConfiguration().defaultAxonObjectMapper();
    private final SnapshotCodec codec = new SnapshotCodec(mapper);

    @Test
    void encodeWhenStateHasDnsConfigurationThenDecodedEqual() {
        AccountState state = new AccountState(Ipv4Network.DEFAULT, "netloom.internal");
        GroupId office = new GroupId("office");
        state.addGroup(office, false);
        state.changeDnsSettings(new DnsSettings(Set.of(office)));
        state.putNameserverGroup(new NameserverGroupId("ns-1"), new NameserverGroupDefinition("office DNS", "",
                List.of(new Nameserver("198.18.0.53", 53)), true, Set.of(office), false, List.of("corp.example"),
                true));
        state.putDnsZone(new DnsZoneId("zone-1"), new DnsZoneDefinition("office", "corp.example", true, false,
                Set.of(office)));
        state.putDnsRecord(new DnsZoneId("zone-1"), new DnsRecordId("rec-1"),
                new DnsRecordDefinition("www.corp.example", DnsRecordType.AAAA, "2001:db8::10", 300));

        AccountStateData decoded = codec.decode(codec.encode(state));

        assertThat(decoded.dns()).isEqualTo(state.snapshot().dns());
        assertThat(decoded.toState().snapshot()).isEqualTo(state.snapshot());
    }

    @Test
    void decodeWhenStoredBeforeDnsExistedThenNoDnsConfiguration() throws Exception {
        AccountState state = new AccountState(Ipv4Network.DEFAULT, "netloom.internal");
        ObjectNode stored = mapper.valueToTree(AccountStateData.of(state));
        stored.remove("dns");

        AccountStateData read = mapper.treeToValue(stored, AccountStateData.class);

        assertThat(read.dns()).isEqualTo(DnsSpec.NONE);
        assertThat(read.toState().snapshot()).isEqualTo(state.snapshot());
    }
}
