package io.netloom.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.PeerIdentity;
import io.netloom.gateway.protocol.TurnCredentialsMessage;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.enrollment.TurnCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The gateway's renewals are coturn REST-API credentials of the configured lifetime, for the signed-in peer. */
class GatewayTurnCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final PeerIdentity PEER = new PeerIdentity(new AccountId("account-1"), new PeerId("peer-1"), "key");

    @Test
    void issueWhenTurnServersConfiguredThenCredentialForThePeerValidForTheLifetime() throws Exception {
        GatewayTurnCredentials source = source(List.of("turn:203.0.113.1:3478?transport=udp"), Duration.ofSeconds(30));

        TurnCredentialsMessage.Grant grant = source.issue(PEER, NOW).orElseThrow();

        assertThat(grant.validFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(grant.expiresAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(grant.servers()).singleElement().satisfies(server -> {
            assertThat(server.uri()).isEqualTo("turn:203.0.113.1:3478?transport=udp");
            assertThat(server.username()).isEqualTo(NOW.plusSeconds(30).getEpochSecond() + ":peer-1");
            assertThat(server.password()).isEqualTo(hmacSha1("coturn-secret", server.username()));
        });
    }

    @Test
    void issueWhenNoTurnServersThenNothing() throws Exception {
        assertThat(source(List.of(), Duration.ofHours(24)).issue(PEER, NOW)).isEmpty();
    }

    private static GatewayTurnCredentials source(List<String> turnUris, Duration lifetime) throws Exception {
        NetloomProperties properties = new NetloomProperties(Path.of("unused"), "", null, List.of(), turnUris,
                "coturn-secret", lifetime, null, false, null);
        return new GatewayTurnCredentials(properties, new TurnCredentials(properties));
    }

    private static String hmacSha1(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
