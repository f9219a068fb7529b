package io.netloom.server.console;

import static io.netloom.server.testing.TestData.createPersonWithPassword;

import io.netloom.domain.ids.AccountId;
import io.netloom.server.axon.Commands;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.TestAccounts;
import java.io.IOException;
import java.net.ServerSocket;
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
                // A defined API port gets no random management port of its own: any free one.
                "management.server.port=0",
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
        return new TestAccounts(commands, api).newAccount(PROVIDER_ACCOUNT);
    }

    /** A person of the owner's account who signs in with {@link #PASSWORD}; returns the email. */
    protected static String newPerson(NetloomApi.Client owner, String role) {
        String email = role + "-" + System.nanoTime() + "@example.org";
        createPersonWithPassword(owner, email, role, PASSWORD);
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
