package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createToken;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.serviceUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.CreateAccountCommand;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.CreateUserCommand;
import io.netloom.domain.user.Role;
import io.netloom.projections.directory.Directory;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.security.IssuerUrl;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/netloom/identity-providers} on the real server, with three providers configured: one for this
 * test's account (with a directory sync), one for another account, and one without an account on a server with
 * several (which serves nobody). Every address points at a closed loopback port: nothing here may reach a
 * provider, and the directory sync's run at start fails quietly.
 */
class IdentityProvidersApiTest extends ServerTest {

    private static final AccountId ACCOUNT = AccountId.random();
    private static final UserId OWNER = UserId.random();
    private static final AccountId OTHER_ACCOUNT = AccountId.random();
    private static final UserId OTHER_OWNER = UserId.random();
    private static final String CLIENT_SECRET = "corp-client-secret-" + UUID.randomUUID();
    private static final String SYNC_SECRET = "directory-sync-secret-" + UUID.randomUUID();
    private static final String OTHER_SECRET = "other-client-secret-" + UUID.randomUUID();
    private static final String CLOSED = "http://127.0.0.1:" + closedPort();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry properties) {
        String corp = "netloom.identity.providers.corp.";
        properties.add(corp + "issuer-uri", () -> CLOSED + "/realms/staff/");
        properties.add(corp + "client-id", () -> "netloom-staff");
        properties.add(corp + "client-secret", () -> CLIENT_SECRET);
        properties.add(corp + "display-name", () -> "Corp SSO");
        properties.add(corp + "scopes", () -> "openid,email,roles");
        properties.add(corp + "groups-claim", () -> "roles");
        properties.add(corp + "user-claim", () -> "preferred_username");
        properties.add(corp + "account-id", ACCOUNT::value);
        properties.add(corp + "directory-sync.type", () -> "keycloak");
        properties.add(corp + "directory-sync.server-url", () -> CLOSED);
        properties.add(corp + "directory-sync.realm", () -> "staff");
        properties.add(corp + "directory-sync.client-id", () -> "netloom-directory");
        properties.add(corp + "directory-sync.client-secret", () -> SYNC_SECRET);
        properties.add(corp + "directory-sync.interval", () -> "1h");
        String other = "netloom.identity.providers.other.";
        properties.add(other + "issuer-uri", () -> CLOSED + "/realms/other");
        properties.add(other + "client-id", () -> "other-client");
        properties.add(other + "client-secret", () -> OTHER_SECRET);
        properties.add(other + "account-id", OTHER_ACCOUNT::value);
        String unassigned = "netloom.identity.providers.unassigned.";
        properties.add(unassigned + "issuer-uri", () -> CLOSED + "/realms/unassigned");
        properties.add(unassigned + "client-id", () -> "unassigned-client");
        properties.add(unassigned + "client-secret", () -> OTHER_SECRET);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Autowired
    private Commands commands;

    @Autowired
    private Directory directory;

    @Autowired
    private IssuerUrl issuer;

    private NetloomApi.Client owner;
    private NetloomApi.Client otherOwner;

    @BeforeEach
    void twoAccounts() {
        owner = api.as(accounts.tokenFor(existing(ACCOUNT, OWNER), OWNER));
        otherOwner = api.as(accounts.tokenFor(existing(OTHER_ACCOUNT, OTHER_OWNER), OTHER_OWNER));
    }

    private AccountId existing(AccountId account, UserId accountOwner) {
        if (directory.account(account).isEmpty()) {
            commands.sendAtomically(List.of(
                    new CreateAccountCommand(account, accountOwner, "", Ipv4Network.DEFAULT, AccountSettings.defaults()),
                    new CreateGroupCommand(GroupId.random(), account, "All", true, Set.of()),
                    new CreateUserCommand(accountOwner, account, "", "Test owner", Role.OWNER, true, Set.of())),
                    Initiator.SYSTEM);
        }
        return account;
    }

    @Test
    void getWhenProviderServesTheAccountThenItsSettingsAndDirectorySyncWithoutSecrets() {
        NetloomApi.Response response = ok(owner.get("/api/netloom/identity-providers"));

        JsonNode body = response.body();
        assertThat(body.get("embedded_user_store").get("enabled").asBoolean()).isTrue();
        assertThat(body.get("embedded_user_store").get("min_password_length").asInt()).isEqualTo(12);
        assertThat(body.get("providers")).hasSize(1);
        JsonNode corp = body.get("providers").get(0);
        assertThat(corp.get("id").asString()).isEqualTo("corp");
        assertThat(corp.get("display_name").asString()).isEqualTo("Corp SSO");
        assertThat(corp.get("issuer").asString()).isEqualTo(CLOSED + "/realms/staff");
        assertThat(corp.get("client_id").asString()).isEqualTo("netloom-staff");
        assertThat(corp.get("scopes").valueStream().map(JsonNode::asString)).containsExactly("openid", "email",
                "roles");
        assertThat(corp.get("user_claim").asString()).isEqualTo("preferred_username");
        assertThat(corp.get("groups_claim").asString()).isEqualTo("roles");
        assertThat(corp.get("groups_from_provider").asBoolean()).isFalse();
        assertThat(corp.get("account_configured").asBoolean()).isTrue();
        assertThat(corp.get("redirect_uri").asString()).isEqualTo(issuer.value() + "/login/oauth2/code/corp");
        assertThat(corp.get("backchannel_logout_uri").asString())
                .isEqualTo(issuer.value() + "/oauth2/backchannel-logout/corp");
        JsonNode sync = corp.get("directory_sync");
        assertThat(sync.get("type").asString()).isEqualTo("keycloak");
        assertThat(sync.get("server_url").asString()).isEqualTo(CLOSED);
        assertThat(sync.get("realm").asString()).isEqualTo("staff");
        assertThat(sync.get("client_id").asString()).isEqualTo("netloom-directory");
        assertThat(sync.get("interval_seconds").asLong()).isEqualTo(3600);
        assertThat(response.rawBody()).doesNotContain(CLIENT_SECRET, SYNC_SECRET, OTHER_SECRET)
                .doesNotContainIgnoringCase("secret");
    }

    @Test
    void getWhenProviderServesAnotherAccountThenOnlyThatAccountSeesIt() {
        JsonNode providers = ok(otherOwner.get("/api/netloom/identity-providers")).body().get("providers");

        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).get("id").asString()).isEqualTo("other");
        assertThat(providers.get(0).get("directory_sync").isNull()).isTrue();
        // "unassigned" names no account and the server has several: it serves, and is listed for, nobody.
        assertThat(ok(owner.get("/api/netloom/identity-providers")).rawBody()).doesNotContain("other-client",
                "unassigned");
    }

    @Test
    void getWhenAccountSyncsJwtGroupsThenGroupsComeFromTheProvider() {
        ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("jwt_groups_enabled", true,
                "jwt_groups_claim_name", "groups")), ACCOUNT.value()));
        try {
            JsonNode corp = ok(owner.get("/api/netloom/identity-providers")).body().get("providers").get(0);
            assertThat(corp.get("groups_from_provider").asBoolean()).isTrue();
        } finally {
            ok(owner.put("/api/accounts/{accountId}", Map.of("settings", Map.of("jwt_groups_enabled", false)),
                    ACCOUNT.value()));
        }
    }

    @Test
    void getWhenAuditorThenAllowedWhenUserThenForbiddenWhenAnonymousThenUnauthenticated() {
        NetloomApi.Client auditor = api.as(createToken(owner, createUser(owner, serviceUser("audit", "auditor"))));
        NetloomApi.Client user = api.as(createToken(owner, createUser(owner, serviceUser("plain", "user"))));

        assertThat(ok(auditor.get("/api/netloom/identity-providers")).body().get("providers")).hasSize(1);
        assertThat(error(user.get("/api/netloom/identity-providers"), 403).text("message"))
                .contains("owners, admins and auditors");
        error(api.anonymous().get("/api/netloom/identity-providers"), 401);
    }

    @Test
    void openApiWhenReadThenDocumentsTheEndpoint() {
        assertThat(ok(owner.get("/api/netloom/openapi")).body().get("paths").has("/api/netloom/identity-providers"))
                .isTrue();
    }
}
