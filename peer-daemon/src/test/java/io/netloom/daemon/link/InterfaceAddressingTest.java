package io.netloom.daemon.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against a persistent TUN device in the root namespace, as the overlay interface would be. */
class InterfaceAddressingTest {

    private static final String INTERFACE = "nlt-addr0";

    @BeforeAll
    static void requireRoot() {
        RootTools.assumeRootWith("ip");
    }

    @BeforeEach
    void createInterface() throws IOException {
        NetworkLinks.deleteIfPresent(INTERFACE);
        Commands.run("ip", "tuntap", "add", "dev", INTERFACE, "mode", "tun");
    }

    @AfterEach
    void deleteInterface() throws IOException {
        NetworkLinks.deleteIfPresent(INTERFACE);
    }

    @Test
    void assignWhenRepeatedThenInterfaceHasOneAddressMtuAndIsUp() throws IOException {
        InterfaceAddressing.assign(INTERFACE, "100.127.251.1/10", 1380);
        InterfaceAddressing.assign(INTERFACE, "100.127.251.1/10", 1380);

        JsonNode link = link();
        assertThat(ipv4Addresses(link)).containsExactly("100.127.251.1/10");
        assertThat(link.path("mtu").asInt()).isEqualTo(1380);
        assertThat(link.path("flags").toString()).contains("\"UP\"");
    }

    @Test
    void assignWhenAddressChangesThenOldAddressIsRemoved() throws IOException {
        InterfaceAddressing.assign(INTERFACE, "100.127.251.1/24", 1420);

        InterfaceAddressing.assign(INTERFACE, "100.127.251.2/10", 1420);

        assertThat(ipv4Addresses(link())).containsExactly("100.127.251.2/10");
    }

    @Test
    void assignWhenAddressIsMalformedThenRejectedBeforeRunningIp() {
        assertThatThrownBy(() -> InterfaceAddressing.assign(INTERFACE, "-100.127.251.2/10", 1420))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InterfaceAddressing.assign(INTERFACE, "100.127.251.2/10", 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MTU must be between 576 and 65535, got 100");
    }

    @Test
    void kindWhenTunDeviceOrAbsentThenReportsTunOrEmpty() throws IOException {
        assertThat(NetworkLinks.kind(INTERFACE)).contains("tun");
        assertThat(NetworkLinks.kind("nlt-absent0")).isEmpty();
    }

    private static JsonNode link() throws IOException {
        return new ObjectMapper().readTree(Commands.run("ip", "-j", "address", "show", "dev", INTERFACE)).get(0);
    }

    private static List<String> ipv4Addresses(JsonNode link) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode address : link.path("addr_info")) {
            if (address.path("family").asText().equals("inet")) {
                addresses.add(address.path("local").asText() + "/" + address.path("prefixlen").asInt());
            }
        }
        return addresses;
    }
}
