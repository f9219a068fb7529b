package io.netloom.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.daemon.DaemonJson;
import io.netloom.daemon.status.DaemonStatus;
import io.netloom.daemon.status.DnsStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resolver in {@code netloom status}, {@code status -d} and {@code status --json}. */
class DnsViewTest {

    private static final DnsStatus LISTENING = new DnsStatus("listening", "100.64.0.1:53", "netloom.internal", true,
            "resolv.conf /etc/resolv.conf (its original kept in /var/lib/netloom/resolv.conf.original.json)",
            List.of("netloom.internal", "lab.example"), 3,
            List.of(new DnsStatus.Zone("lab.example", 2, true), new DnsStatus.Zone("corp.example", 1, false)),
            List.of(new DnsStatus.Group("office DNS", List.of("198.18.1.1:53"), false, List.of("corp.example")),
                    new DnsStatus.Group("primary", List.of("198.18.1.1:5300", "198.18.1.2:53"), true, List.of())),
            List.of("198.18.0.1:53"), new DnsStatus.Queries(10, 5, 1, 2), null);

    @Test
    void renderWhenListeningThenOneLineWithoutDetail() {
        assertThat(new StatusView(status(LISTENING)).render(false)).contains("DNS: listening on 100.64.0.1:53\n")
                .doesNotContain("Zones:");
    }

    @Test
    void renderDetailThenEverythingInEffect() {
        String text = new StatusView(status(LISTENING)).render(true);

        assertThat(text).contains("DNS:\n  Resolver: listening on 100.64.0.1:53\n"
                + "  Domain: netloom.internal (3 peer names)\n"
                + "  System: resolv.conf /etc/resolv.conf (its original kept in "
                + "/var/lib/netloom/resolv.conf.original.json)\n"
                + "  Search domains: netloom.internal lab.example\n"
                + "  Zones: lab.example (2 records, search domain), corp.example (1 record)\n"
                + "  Nameserver groups:\n"
                + "    office DNS: 198.18.1.1:53 for corp.example\n"
                + "    primary: 198.18.1.1:5300, 198.18.1.2:53 for every other name\n"
                + "  System resolvers: 198.18.0.1:53 (not used: a primary group answers)\n"
                + "  Queries: 10 answered, 5 forwarded, 1 failed, 2 refused\n");
    }

    @Test
    void renderWhenManagementDisabledOrFailedThenSaidSo() {
        DnsStatus off = new DnsStatus("off", null, "netloom.internal", false, "resolv.conf /etc/resolv.conf (unchanged)",
                List.of(), 1, List.of(), List.of(), List.of(), new DnsStatus.Queries(0, 0, 0, 0), null);
        DnsStatus failed = new DnsStatus("failed", null, "netloom.internal", true, "resolv.conf /etc/resolv.conf "
                + "(unchanged)", List.of(), 1, List.of(), List.of(), List.of(), null,
                "the resolver cannot listen on 100.64.0.1:53: Address already in use");

        assertThat(new StatusView(status(off)).render(true)).contains("Resolver: off (DNS management disabled")
                .contains("System: left alone (DNS management disabled for this peer)");
        assertThat(new StatusView(status(failed)).render(false)).contains("DNS: not listening (the resolver cannot "
                + "listen on 100.64.0.1:53: Address already in use)\n");
        assertThat(new StatusView(status(failed)).render(true)).contains("Last error: the resolver cannot listen");
    }

    @Test
    void jsonWhenWrittenAndReadBackThenTheSameStatus() throws Exception {
        DaemonStatus status = status(LISTENING);

        String json = DaemonJson.MAPPER.writeValueAsString(status);

        assertThat(json).contains("\"dns\":{\"state\":\"listening\",\"listen_address\":\"100.64.0.1:53\"")
                .contains("\"nameserver_groups\":[{\"name\":\"office DNS\"");
        assertThat(DaemonJson.MAPPER.readValue(json, DaemonStatus.class).dns()).isEqualTo(LISTENING);
    }

    @Test
    void renderWhenDaemonWithoutResolverThenNoDnsLine() {
        assertThat(new StatusView(status(null)).render(true)).doesNotContain("DNS");
    }

    private static DaemonStatus status(DnsStatus dns) {
        return new DaemonStatus("test", 4242L, null, null, "peer-1", "key", "100.64.0.1", "a.netloom.internal", "wt0",
                "userspace", 51820, 3L, null, List.of(), List.of(), List.of(), List.of(), dns);
    }
}
