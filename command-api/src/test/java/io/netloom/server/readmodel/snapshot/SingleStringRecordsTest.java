package io.netloom.server.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.server.axon.AxonConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SingleStringRecordsTest {

    private final ObjectMapper json = new AxonConfiguration().defaultAxonObjectMapper()
            .registerModule(SingleStringRecords.module());

    record Membership(GroupId group, List<PeerId> peers, Ipv4Network network) {
    }

    /** Not a domain record: written as Jackson writes any record. */
    record Label(String value) {
    }

    @Test
    void writesDomainRecordsOfOneStringAsThatStringAndReadsThemBack() throws Exception {
        Membership membership = new Membership(new GroupId("group-1"),
                List.of(new PeerId("peer-1"), new PeerId("peer-2")), new Ipv4Network("100.64.0.0/10"));

        String written = json.writeValueAsString(membership);

        assertThat(written).isEqualTo(
                "{\"group\":\"group-1\",\"peers\":[\"peer-1\",\"peer-2\"],\"network\":\"100.64.0.0/10\"}");
        assertThat(json.readValue(written, Membership.class)).isEqualTo(membership);
    }

    @Test
    void leavesOtherRecordsAsJacksonWritesThem() throws Exception {
        assertThat(json.writeValueAsString(new Label("x"))).isEqualTo("{\"value\":\"x\"}");
        assertThat(json.readValue("{\"value\":\"x\"}", Label.class)).isEqualTo(new Label("x"));
    }

    @Test
    void readWhenTheRecordRefusesTheStringThenFailsAsAMappingError() {
        assertThatThrownBy(() -> json.readValue("{\"group\":\"not an id!\",\"peers\":[],\"network\":\"100.64.0.0/10\"}",
                Membership.class)).isInstanceOf(JsonMappingException.class).hasMessageContaining("GroupId");
        assertThatThrownBy(() -> json.readValue("{\"group\":{\"value\":\"group-1\"}}", Membership.class))
                .isInstanceOf(JsonMappingException.class);
    }
}
