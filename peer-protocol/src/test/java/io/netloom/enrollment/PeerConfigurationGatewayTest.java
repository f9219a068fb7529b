package io.netloom.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway part of the enrollment answer, as servers with one and with several gateway processes write it. */
class PeerConfigurationGatewayTest {

    private static final String A = "wss://gw-a.example:33080/v2/peer";
    private static final String B = "wss://gw-b.example:33080/v2/peer";

    @Test
    void writeWhenSeveralUrlsThenListAndFirstAsSingleUrl() throws Exception {
        PeerConfiguration.Gateway gateway = new PeerConfiguration.Gateway(A, List.of(A, B), "scheme", "key", "fp");

        JsonNode json = Wire.read(Wire.JSON.writeValueAsString(gateway));

        assertThat(json.get("url").asText()).isEqualTo(A);
        assertThat(json.get("urls")).extracting(JsonNode::asText).containsExactly(A, B);
        assertThat(json.get("public_key").asText()).isEqualTo("key");
        assertThat(json.get("certificate_fingerprint").asText()).isEqualTo("fp");
    }

    @Test
    void readWhenOnlyUrlAsFromServerOrStateFileBeforeTheListThenListOfThatUrl() throws Exception {
        PeerConfiguration.Gateway gateway = Wire.JSON.readValue("{\"url\":\"" + A + "\",\"auth_scheme\":\"scheme\","
                + "\"public_key\":\"key\"}", PeerConfiguration.Gateway.class);

        assertThat(gateway.urls()).containsExactly(A);
        assertThat(gateway.url()).isEqualTo(A);
    }

    @Test
    void readWhenOnlyListThenFirstIsTheUrl() throws Exception {
        PeerConfiguration.Gateway gateway = Wire.JSON.readValue("{\"urls\":[\"" + B + "\",\"" + A + "\"]}",
                PeerConfiguration.Gateway.class);

        assertThat(gateway.url()).isEqualTo(B);
        assertThat(gateway.urls()).containsExactly(B, A);
    }

    @Test
    void readWhenNoUrlAtAllThenEmptyList() throws Exception {
        PeerConfiguration.Gateway gateway = Wire.JSON.readValue("{\"public_key\":\"key\"}",
                PeerConfiguration.Gateway.class);

        assertThat(gateway.urls()).isEmpty();
    }
}
