package io.netloom.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.JwtGroupsSettings;
import io.netloom.domain.group.GroupCreatedEvent;
import io.netloom.domain.group.GroupIssuer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events stored before issue 11 still read, with the new fields at the values they had in effect. */
class StoredEventCompatibilityTest {

    private final ObjectMapper mapper = new AxonConfiguration().defaultAxonObjectMapper();

    @Test
    void accountSettingsWhenStoredWithoutJwtGroupsThenJwtGroupsOff() throws Exception {
        AccountSettings settings = mapper.readValue("""
                {"peerLoginExpirationEnabled":true,"peerLoginExpiration":"PT24H",
                 "peerInactivityExpirationEnabled":false,"peerInactivityExpiration":"PT10M",
                 "regularUsersViewBlocked":true,"peerApprovalRequired":false,"dnsDomain":"netloom.internal"}
                """, AccountSettings.class);

        assertThat(settings).isEqualTo(AccountSettings.defaults());
        assertThat(settings.jwtGroups()).isEqualTo(JwtGroupsSettings.disabled());
    }

    @Test
    void accountSettingsWhenJwtGroupsStoredThenReadBack() throws Exception {
        AccountSettings settings = new AccountSettings(true, Duration.ofHours(24), false, Duration.ofMinutes(10), true,
                false, "netloom.internal", new JwtGroupsSettings(true, "groups", List.of("Staff")));

        AccountSettings read = mapper.readValue(mapper.writeValueAsString(settings), AccountSettings.class);

        assertThat(read).isEqualTo(settings);
        assertThat(read.peerLoginExpiration()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void groupCreatedWhenStoredWithoutIssuerThenIssuedByApi() throws Exception {
        GroupCreatedEvent event = mapper.readValue("""
                {"groupId":{"value":"g-1"},"accountId":{"value":"a-1"},"name":"Devs","builtIn":false}
                """, GroupCreatedEvent.class);

        assertThat(event.issued()).isEqualTo(GroupIssuer.API);
    }
}
