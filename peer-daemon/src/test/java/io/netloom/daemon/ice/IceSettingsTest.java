package io.netloom.daemon.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.daemon.relay.RelayTransport;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IceSettingsTest {

    @Test
    void parseWhenTurnUriNamesTcpOrTlsThenServerUsesThatTransport() {
        assertThat(TurnServer.parse("turn:203.0.113.1:3478?transport=tcp", "u", "p"))
                .isEqualTo(new TurnServer("203.0.113.1", 3478, RelayTransport.TCP, "u", "p"));
        assertThat(TurnServer.parse("turns:203.0.113.1", "u", "p"))
                .isEqualTo(new TurnServer("203.0.113.1", 5349, RelayTransport.TLS, "u", "p"));
        assertThat(TurnServer.parse("TURNS:relay.example.org:443?transport=TCP", "u", "p").uri())
                .isEqualTo("turns:relay.example.org:443?transport=tcp");
        assertThat(TurnServer.parse("turn:203.0.113.1?transport=udp", "u", "p").transport()).isEqualTo(RelayTransport.UDP);
        assertThat(TurnServer.parse("turn:203.0.113.1:3478?transport=tcp", "u", "secret").relayServer().describe())
                .isEqualTo("tcp://203.0.113.1:3478");
    }

    @Test
    void parsesStunAndTurnUris() {
        assertThat(StunServer.parse("stun:203.0.113.1:3478")).isEqualTo(new StunServer("203.0.113.1", 3478));
        assertThat(StunServer.parse("stun:stun.example.org")).isEqualTo(new StunServer("stun.example.org", 3478));
        assertThat(StunServer.parse("STUN:[2001:db8::1]:3479")).isEqualTo(new StunServer("2001:db8::1", 3479));
        assertThat(TurnServer.parse("turn:203.0.113.1:3478?transport=udp", "u", "p"))
                .isEqualTo(new TurnServer("203.0.113.1", 3478, "u", "p"));
        assertThat(TurnServer.parse("turn:turn.example.org", "u", "p").uri()).isEqualTo("turn:turn.example.org:3478?transport=udp");
        assertThat(new TurnServer("203.0.113.1", 3478, "u", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void refusesWhatIsNotSupported() {
        assertThatThrownBy(() -> TurnServer.parse("turns:203.0.113.1:5349?transport=udp", "u", "p"))
                .hasMessageContaining("only TLS over TCP");
        assertThatThrownBy(() -> TurnServer.parse("turn:203.0.113.1?transport=sctp", "u", "p"))
                .hasMessageContaining("transport=sctp is not supported");
        assertThatThrownBy(() -> StunServer.parse("stuns:203.0.113.1")).hasMessageContaining("(TLS) is not supported");
        assertThatThrownBy(() -> StunServer.parse("stun:203.0.113.1:0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> StunServer.parse("stun:203.0.113.1:99999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> StunServer.parse("stun://203.0.113.1")).hasMessageContaining("'//'");
        assertThatThrownBy(() -> StunServer.parse("http:203.0.113.1")).hasMessageContaining("not a stun: URI");
        assertThatThrownBy(() -> StunServer.parse("stun:")).hasMessageContaining("no host");
        assertThatThrownBy(() -> StunServer.parse("stun:1.2.3")).hasMessageContaining("neither an IPv4 address nor a host name");
        assertThatThrownBy(() -> TurnServer.parse("turn:203.0.113.1", "", "p")).hasMessageContaining("username");
    }

    @Test
    void parseReportsInsteadOfThrowing() {
        IceSettings settings = IceSettings.parse(
                List.of("stun:203.0.113.1:3478", "stun:bad host", "stun:203.0.113.1:3478"),
                List.of(new TurnUri("turn:203.0.113.1:3478?transport=udp", "1700000000:dev", "pw"),
                        new TurnUri("turns:203.0.113.1:5349", "u", "p"),
                        new TurnUri("turn:203.0.113.2?transport=tcp", "u", "p"),
                        new TurnUri("turns:203.0.113.1:5349?transport=dtls", "u", "p"),
                        new TurnUri("turn:203.0.113.2?transport=quic", "u", "p")),
                Set.of("wt0"), 51820);
        assertThat(settings.stun()).containsExactly(new StunServer("203.0.113.1", 3478));
        assertThat(settings.turn()).containsExactly(new TurnServer("203.0.113.1", 3478, "1700000000:dev", "pw"),
                new TurnServer("203.0.113.1", 5349, RelayTransport.TLS, "u", "p"),
                new TurnServer("203.0.113.2", 3478, RelayTransport.TCP, "u", "p"));
        assertThat(settings.problems()).hasSize(3);
        assertThat(String.join("\n", settings.problems()))
                .contains("STUN server refused: \"stun:bad host\"")
                .contains("TURN server refused: \"turns:203.0.113.1:5349?transport=dtls\"")
                .contains("transport=quic is not supported");
        assertThat(settings.interfaceUsable("eth0")).isTrue();
        assertThat(settings.interfaceUsable("wt0")).isFalse();
        assertThat(settings.withAllowedInterfaces(Set.of("eth1")).interfaceUsable("eth0")).isFalse();
    }
}
