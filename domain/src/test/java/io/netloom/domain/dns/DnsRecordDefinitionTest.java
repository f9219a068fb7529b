package io.netloom.domain.dns;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsRecordDefinitionTest {

    @Test
    void createWhenWrittenLooselyThenNormalised() {
        DnsRecordDefinition cname = new DnsRecordDefinition("WWW.Example.com.", DnsRecordType.CNAME,
                "Web.Example.COM.", 60);
        DnsRecordDefinition aaaa = new DnsRecordDefinition("v6.example.com", DnsRecordType.AAAA, "2001:DB8::1", 0);

        assertThat(cname.name()).isEqualTo("www.example.com");
        assertThat(cname.content()).isEqualTo("web.example.com");
        assertThat(aaaa.content()).isEqualTo("2001:db8::1");
        assertThat(new DnsRecordDefinition("*.example.com", DnsRecordType.A, "10.0.0.1", 1).name())
                .isEqualTo("*.example.com");
    }

    @Test
    void createWhenContentDoesNotFitTypeThenRejected() {
        for (String content : List.of("10.0.0", "10.0.0.256", "010.0.0.1", "2001:db8::1", "example.com", "")) {
            assertThatThrownBy(() -> new DnsRecordDefinition("a.example.com", DnsRecordType.A, content, 300))
                    .as("A " + content).isInstanceOf(CommandRejectedException.class);
        }
        for (String content : List.of("10.0.0.1", "::ffff:10.0.0.1", "2001:db8::g", "fe80::1%eth0", "example.com")) {
            assertThatThrownBy(() -> new DnsRecordDefinition("a.example.com", DnsRecordType.AAAA, content, 300))
                    .as("AAAA " + content).isInstanceOf(CommandRejectedException.class);
        }
        for (String content : List.of("*.example.com", "exa mple.com", "10.0.0.1/24", "a..b")) {
            assertThatThrownBy(() -> new DnsRecordDefinition("a.example.com", DnsRecordType.CNAME, content, 300))
                    .as("CNAME " + content).isInstanceOf(CommandRejectedException.class);
        }
        assertInvalid(() -> new DnsRecordDefinition("a.example.com", DnsRecordType.A, "example.com", 300),
                "an A record's content must be an IPv4 address in dotted-quad form");
        assertInvalid(() -> new DnsRecordDefinition("a.example.com", DnsRecordType.AAAA, "10.0.0.1", 300),
                "an AAAA record's content must be an IPv6 address, got \"10.0.0.1\"");
    }

    @Test
    void createWhenNameInvalidOrTtlNegativeThenRejected() {
        for (String name : List.of("a.*.example.com", "**.example.com", "a b.example.com", "", "*")) {
            assertThatThrownBy(() -> new DnsRecordDefinition(name, DnsRecordType.A, "10.0.0.1", 300)).as(name)
                    .isInstanceOf(CommandRejectedException.class);
        }
        assertInvalid(() -> new DnsRecordDefinition("a.example.com", DnsRecordType.A, "10.0.0.1", -1),
                "record ttl must not be negative, got -1");
    }
}
