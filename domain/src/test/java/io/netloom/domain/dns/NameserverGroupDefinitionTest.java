package io.netloom.domain.dns;

import static io.netloom.domain.Rejections.assertInvalid;
import static io.netloom.domain.dns.TestDns.OFFICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.GroupId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameserverGroupDefinitionTest {

    private static final List<Nameserver> ONE = List.of(new Nameserver("198.18.0.53", 53));

    private static NameserverGroupDefinition group(List<Nameserver> nameservers, Set<GroupId> groups,
            boolean primary, List<String> domains, boolean search) {
        return new NameserverGroupDefinition("office", "", nameservers, true, groups, primary, domains, search);
    }

    @Test
    void createWhenMatchDomainsWrittenLooselyThenNormalisedInOrder() {
        NameserverGroupDefinition definition = group(ONE, Set.of(OFFICE), false,
                List.of("Corp.Example.", " lab.corp.example ", "_msdcs.corp.example"), true);

        assertThat(definition.domains()).containsExactly("corp.example", "lab.corp.example", "_msdcs.corp.example");
    }

    @Test
    void createWhenNoneOrFourNameserversThenRejected() {
        Nameserver ns = new Nameserver("198.18.0.53", 53);
        List<Nameserver> four = List.of(ns, new Nameserver("198.18.0.54", 53), new Nameserver("198.18.0.55", 53),
                new Nameserver("198.18.0.56", 53));

        assertInvalid(() -> group(List.of(), Set.of(OFFICE), true, List.of(), false),
                "a nameserver group needs 1 to 3 nameservers, got 0");
        assertInvalid(() -> group(four, Set.of(OFFICE), true, List.of(), false),
                "a nameserver group needs 1 to 3 nameservers, got 4");
        assertInvalid(() -> group(List.of(ns, ns), Set.of(OFFICE), true, List.of(), false),
                "nameservers must not name the same address and port twice");
    }

    @Test
    void createWhenPrimaryWithDomainsOrNeitherThenRejected() {
        assertInvalid(() -> group(ONE, Set.of(OFFICE), true, List.of("corp.example"), false),
                "a primary nameserver group resolves every domain: set either primary or domains, not both");
        assertInvalid(() -> group(ONE, Set.of(OFFICE), false, List.of(), false),
                "a nameserver group must be primary or have at least one match domain");
        assertInvalid(() -> group(ONE, Set.of(OFFICE), true, List.of(), true),
                "search domains need match domains: a primary nameserver group cannot enable them");
    }

    @Test
    void createWhenNoGroupsThenRejected() {
        assertInvalid(() -> group(ONE, Set.of(), true, List.of(), false),
                "a nameserver group needs at least one group of peers to distribute it to");
    }

    @Test
    void createWhenDomainInvalidOrTwiceThenRejected() {
        for (String domain : List.of("*.corp.example", "corp..example", "-corp.example", "corp example", "", ".",
                "a".repeat(64) + ".example", "ex\u00e4mple.com")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> group(ONE, Set.of(OFFICE), false, List.of(domain), false)).as(domain)
                    .isInstanceOf(io.netloom.domain.common.CommandRejectedException.class);
        }
        assertInvalid(() -> group(ONE, Set.of(OFFICE), false, List.of("corp.example", "CORP.example."), false),
                "match domain \"corp.example\" is listed twice");
    }

    @Test
    void createWhenNameEmptyOrLongerThanNetbirdAllowsThenRejected() {
        String message = "nameserver group name must be 1 to 40 characters without control characters";
        assertInvalid(() -> new NameserverGroupDefinition(" ", "", ONE, true, Set.of(OFFICE), true, List.of(), false),
                message);
        assertInvalid(() -> new NameserverGroupDefinition("n".repeat(41), "", ONE, true, Set.of(OFFICE), true,
                List.of(), false), message);
    }

    @Test
    void nameserverWhenAddressOrPortInvalidThenRejected() {
        assertInvalid(() -> new Nameserver("198.18.0.256", 53),
                "nameserver ip must be an IPv4 or IPv6 address, got \"198.18.0.256\"");
        assertInvalid(() -> new Nameserver("dns.google", 53),
                "nameserver ip must be an IPv4 or IPv6 address, got \"dns.google\"");
        assertInvalid(() -> new Nameserver("fe80::1%eth0", 53),
                "nameserver ip must be an IPv4 or IPv6 address, got \"fe80::1%eth0\"");
        assertInvalid(() -> new Nameserver("198.18.0.53", 0), "nameserver port must be between 1 and 65535, got 0");
        assertInvalid(() -> new Nameserver("198.18.0.53", 65536),
                "nameserver port must be between 1 and 65535, got 65536");
        assertThat(new Nameserver("2001:DB8::53", 53).ip()).isEqualTo("2001:db8::53");
    }
}
