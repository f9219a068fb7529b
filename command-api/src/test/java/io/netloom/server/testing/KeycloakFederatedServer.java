package io.netloom.server.testing;

import io.netloom.testsupport.keycloak.ConfidentialClient;
import io.netloom.testsupport.keycloak.KeycloakAdmin;
import io.netloom.testsupport.keycloak.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Netloom server (plain HTTP, embedded PostgreSQL) that federates sign-in to a realm of the shared Keycloak as
 * its upstream provider {@value #PROVIDER} (ADR 0022). {@link #createRealm} makes the realm with Netloom's
 * confidential client, whose redirect already names the server's port; the test then fills the realm and calls
 * {@link #start}; {@link #close} stops the server and deletes the realm.
 */
public final class KeycloakFederatedServer implements AutoCloseable {

    public static final String PROVIDER = "keycloak";
    public static final String CLIENT = "netloom-server";

    private final KeycloakServer keycloak;
    private final KeycloakAdmin keycloakAdmin;
    private final String realm;
    private final String secret;
    private final int port;
    private final NetloomApi api;
    private final PersonSignIn people;
    private final KeycloakDeviceSignIn signIns;
    private ConfigurableApplicationContext server;
    private NetloomApi.Client owner;

    private KeycloakFederatedServer(KeycloakServer keycloak, String realm, int port) {
        this.keycloak = keycloak;
        this.keycloakAdmin = keycloak.admin();
        this.realm = realm;
        this.secret = realm + "-client-secret-" + System.nanoTime();
        this.port = port;
        this.api = new NetloomApi(port);
        this.people = new PersonSignIn(api);
        this.signIns = new KeycloakDeviceSignIn(people, PROVIDER, keycloak.issuer(realm));
    }

    /** The realm and Netloom's client in it; the server is not started yet. */
    public static KeycloakFederatedServer createRealm(String realm) {
        KeycloakFederatedServer federation = new KeycloakFederatedServer(KeycloakServer.shared(), realm, freePort());
        federation.keycloakAdmin.createRealm(realm);
        try {
            federation.keycloakAdmin.createConfidentialClient(realm, new ConfidentialClient(CLIENT,
                    federation.secret, List.of(federation.api.baseUrl() + "/login/oauth2/code/" + PROVIDER),
                    "groups"));
        } catch (RuntimeException e) {
            federation.keycloakAdmin.deleteRealm(realm);
            throw e;
        }
        return federation;
    }

    /**
     * Starts the server with the provider configured; {@code properties} are further {@code name=value} pairs (see
     * {@link #providerProperty} for the provider's own).
     */
    public void start(String... properties) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("netloom-" + realm + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(List.of("server.port=" + port,
                providerProperty("issuer-uri=" + issuer()),
                providerProperty("client-id=" + CLIENT),
                providerProperty("client-secret=" + secret)));
        all.addAll(List.of(properties));
        server = StandaloneServers.startInsecure(dataDir, all.toArray(String[]::new));
        try {
            owner = api.as(Files.readString(dataDir.resolve("admin-token")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name=value} as a setting of provider {@value #PROVIDER}. */
    public static String providerProperty(String setting) {
        return "netloom.identity.providers." + PROVIDER + "." + setting;
    }

    /** A base URL where nothing listens: a provider or directory that is down from the start. */
    public static URI unreachableUrl() {
        return URI.create("http://127.0.0.1:" + freePort());
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public KeycloakAdmin keycloakAdmin() {
        return keycloakAdmin;
    }

    public String realm() {
        return realm;
    }

    public URI issuer() {
        return keycloak.issuer(realm);
    }

    public NetloomApi api() {
        return api;
    }

    /** The account owner's API client (the first-start admin token); only after {@link #start}. */
    public NetloomApi.Client owner() {
        return owner;
    }

    /** The running server; only after {@link #start}. */
    public ConfigurableApplicationContext server() {
        return server;
    }

    /** Netloom's sign-in pages and OAuth endpoints as a person's browser and device use them. */
    public PersonSignIn people() {
        return people;
    }

    /** People signing devices in through this realm. */
    public KeycloakDeviceSignIn signIns() {
        return signIns;
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            keycloakAdmin.deleteRealm(realm);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
