package io.netloom.server.console;

import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;

import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.CreateAccountCommand;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.CreateUserCommand;
import io.netloom.domain.user.Role;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestAccounts;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real server on the embedded database for the console's browser tests and benchmark, on a port known before it
 * starts: the issuer must be the address the browser opens, since the console's redirect URI is the issuer's "/".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"netloom.data-dir=target/test-server-data/${random.uuid}", "netloom.gateway.port=0",
                "netloom.gateway.host=127.0.0.1", "netloom.insecure-http=true"})
abstract class ConsoleServer {

    static final int PORT = freePort();
    static final String ORIGIN = "http://localhost:" + PORT;
    static final String PASSWORD = "console correct horse battery";
    /** An account the upstream provider "corp" serves, for the Settings page; its issuer is a closed port. */
    static final AccountId PROVIDER_ACCOUNT = AccountId.random();
    static final String PROVIDER_SECRET = "console-client-secret-" + UUID.randomUUID();
    static final String PROVIDER_ISSUER = "http://127.0.0.1:" + freePort() + "/realms/staff";

    @DynamicPropertySource
    static void listenOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("netloom.public-url", () -> ORIGIN);
        // One context serves every console test class: the provider is configured for all of them.
        String corp = "netloom.identity.providers.corp.";
        registry.add(corp + "issuer-uri", () -> PROVIDER_ISSUER);
        registry.add(corp + "client-id", () -> "netloom-console-test");
        registry.add(corp + "client-secret", () -> PROVIDER_SECRET);
        registry.add(corp + "display-name", () -> "Corp SSO");
        registry.add(corp + "account-id", PROVIDER_ACCOUNT::value);
    }

    @Autowired
    private Commands commands;

    protected final NetloomApi api = new NetloomApi(PORT);

    /** A new account; returns a client authenticated as its owner (a service user with a token). */
    protected NetloomApi.Client newAccount() {
        return new TestAccounts(commands, api).newAccount();
    }

    /** Creates {@link #PROVIDER_ACCOUNT}; returns a client authenticated as its owner. */
    protected NetloomApi.Client newProviderAccount() {
        UserId owner = UserId.random();
        commands.sendAtomically(List.of(
                new CreateAccountCommand(PROVIDER_ACCOUNT, owner, "", Ipv4Network.DEFAULT, AccountSettings.defaults()),
                new CreateGroupCommand(GroupId.random(), PROVIDER_ACCOUNT, "All", true, Set.of()),
                new CreateUserCommand(owner, PROVIDER_ACCOUNT, "", "Test owner", Role.OWNER, true, Set.of())),
                Initiator.SYSTEM);
        return api.as(new TestAccounts(commands, api).tokenFor(PROVIDER_ACCOUNT, owner));
    }

    /** A person of the owner's account who signs in with {@link #PASSWORD}; returns the email. */
    protected static String newPerson(NetloomApi.Client owner, String role) {
        String email = role + "-" + System.nanoTime() + "@example.org";
        String id = ok(owner.post("/api/users", regularUser(email, role))).text("id");
        ok(owner.put("/api/netloom/users/{userId}/password", Map.of("password", PASSWORD, "change_required", false),
                id));
        return email;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the console's server", e);
        }
    }
}
