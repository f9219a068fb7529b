package io.netloom.testsupport.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's admin REST API, as far as the sign-in tests need it: realms, the public client, groups, users and
 * their group memberships. Plain HTTP and JSON; each call signs in to the master realm afresh (its admin tokens
 * live a minute), which costs a few milliseconds.
 */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KeycloakAdmin(URI baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * A realm with nothing in it yet. Devices poll every second (Keycloak's default of 5 s would only slow the
     * tests down); everything else as Keycloak ships it.
     */
    public void createRealm(String realm) {
        send("POST", "/admin/realms", Map.of("realm", realm, "enabled", true,
                "attributes", Map.of("oauth2DevicePollingInterval", "1")), 201);
    }

    /**
     * How long the realm's access and ID tokens live (Keycloak's default: 5 minutes). A server whose clock was moved
     * ahead (the lab's login expiry, ADR 0023) must still find the ID token of a sign-in unexpired.
     */
    public void setTokenLifespan(String realm, Duration lifespan) {
        send("PUT", "/admin/realms/" + realm, Map.of("accessTokenLifespan", lifespan.toSeconds()), 204);
    }

    public void deleteRealm(String realm) {
        send("DELETE", "/admin/realms/" + realm, null, 204);
    }

    /**
     * A public client for devices: the device authorization grant and the authorization code flow, redirects only
     * to loopback addresses (RFC 8252: any port), and a {@code groups} claim with the user's group names in the ID
     * token, the access token and userinfo.
     */
    public void createPublicClient(String realm, PublicClient client) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("oauth2.device.authorization.grant.enabled", "true");
        attributes.put("oauth2.device.code.lifespan", Long.toString(client.deviceCodeLifespan().toSeconds()));
        attributes.put("oauth2.device.polling.interval", Long.toString(client.devicePollingInterval().toSeconds()));
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("clientId", client.clientId());
        representation.put("publicClient", true);
        representation.put("standardFlowEnabled", true);
        representation.put("directAccessGrantsEnabled", false);
        representation.put("consentRequired", client.consentRequired());
        representation.put("redirectUris", List.of("http://127.0.0.1/*", "http://[::1]/*", "http://127.0.0.1:*"));
        representation.put("attributes", attributes);
        representation.put("protocolMappers", List.of(groupsMapper(client.groupsClaim())));
        send("POST", "/admin/realms/" + realm + "/clients", representation, 201);
    }

    /**
     * A confidential client for a server that signs people in through Keycloak with the authorization code flow
     * (its secret sent in the token request), with the same {@code groups} claim as the public client.
     */
    public void createConfidentialClient(String realm, ConfidentialClient client) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("clientId", client.clientId());
        representation.put("publicClient", false);
        representation.put("clientAuthenticatorType", "client-secret");
        representation.put("secret", client.secret());
        representation.put("standardFlowEnabled", true);
        representation.put("directAccessGrantsEnabled", false);
        representation.put("redirectUris", client.redirectUris());
        representation.put("protocolMappers", List.of(groupsMapper(client.groupsClaim())));
        send("POST", "/admin/realms/" + realm + "/clients", representation, 201);
    }

    /**
     * A confidential client that signs in as itself (client credentials) and whose service account may read the
     * realm's users and groups through the admin API (realm-management {@code view-users}), as a directory sync.
     */
    public void createDirectoryReader(String realm, String clientId, String secret) {
        Map<String, Object> representation = new LinkedHashMap<>();
        representation.put("clientId", clientId);
        representation.put("publicClient", false);
        representation.put("clientAuthenticatorType", "client-secret");
        representation.put("secret", secret);
        representation.put("standardFlowEnabled", false);
        representation.put("directAccessGrantsEnabled", false);
        representation.put("serviceAccountsEnabled", true);
        send("POST", "/admin/realms/" + realm + "/clients", representation, 201);
        String client = clientUuid(realm, clientId);
        String serviceAccount = send("GET", "/admin/realms/" + realm + "/clients/" + client + "/service-account-user",
                null, 200).get("id").asText();
        String realmManagement = clientUuid(realm, "realm-management");
        JsonNode viewUsers = send("GET", "/admin/realms/" + realm + "/clients/" + realmManagement
                + "/roles/view-users", null, 200);
        send("POST", "/admin/realms/" + realm + "/users/" + serviceAccount + "/role-mappings/clients/"
                + realmManagement, List.of(Map.of("id", viewUsers.get("id").asText(), "name", "view-users")), 204);
    }

    /** A top-level group; its name is what the groups claim carries. */
    public void createGroup(String realm, String group) {
        send("POST", "/admin/realms/" + realm + "/groups", Map.of("name", group), 201);
    }

    /** A user who can sign in at once (no required actions), in the given top-level groups. */
    public void createUser(String realm, Person person, String... groups) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", person.username());
        user.put("enabled", true);
        user.put("email", person.email());
        user.put("emailVerified", true);
        user.put("firstName", person.firstName());
        user.put("lastName", person.lastName());
        List<String> paths = new ArrayList<>();
        for (String group : groups) {
            paths.add("/" + group);
        }
        user.put("groups", paths);
        user.put("credentials", List.of(Map.of("type", "password", "value", person.password(), "temporary", false)));
        send("POST", "/admin/realms/" + realm + "/users", user, 201);
    }

    public void joinGroup(String realm, String username, String group) {
        send("PUT", membership(realm, username, group), null, 204);
    }

    public void leaveGroup(String realm, String username, String group) {
        send("DELETE", membership(realm, username, group), null, 204);
    }

    /** Gives a user another (verified) email address, as when a person's address changes in the directory. */
    public void changeEmail(String realm, String username, String email) {
        send("PUT", "/admin/realms/" + realm + "/users/" + userId(realm, username),
                Map.of("email", email, "emailVerified", true), 204);
    }

    /** Disables or enables a user, as an administrator does with a leaver (or one who comes back). */
    public void setEnabled(String realm, String username, boolean enabled) {
        send("PUT", "/admin/realms/" + realm + "/users/" + userId(realm, username), Map.of("enabled", enabled), 204);
    }

    public void deleteUser(String realm, String username) {
        send("DELETE", "/admin/realms/" + realm + "/users/" + userId(realm, username), null, 204);
    }

    /**
     * Makes Keycloak post an OIDC back-channel logout token (with the session's {@code sid}) to {@code url} whenever
     * a session of one of the client's users ends.
     */
    public void setBackchannelLogoutUrl(String realm, String clientId, String url) {
        JsonNode found = send("GET", "/admin/realms/" + realm + "/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null, 200);
        if (found.size() != 1) {
            throw new IllegalArgumentException("no client " + clientId + " in realm " + realm);
        }
        // Keycloak updates only what the representation carries: the other settings stay.
        send("PUT", "/admin/realms/" + realm + "/clients/" + found.get(0).get("id").asText(), Map.of(
                "clientId", clientId, "frontchannelLogout", false,
                "attributes", Map.of("backchannel.logout.url", url, "backchannel.logout.session.required", "true")),
                204);
    }

    /** Ends every session of the user, as an administrator's "Sign out" in the admin console does. */
    public void logOut(String realm, String username) {
        send("POST", "/admin/realms/" + realm + "/users/" + userId(realm, username) + "/logout", null, 204);
    }

    /** The Keycloak id ({@code sub} of the user's tokens) of a user. */
    public String userId(String realm, String username) {
        JsonNode found = send("GET", "/admin/realms/" + realm + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null, 200);
        if (found.size() != 1) {
            throw new IllegalArgumentException("no user " + username + " in realm " + realm);
        }
        return found.get(0).get("id").asText();
    }

    /** The user's top-level group names in {@code claim} of the ID token, the access token and userinfo. */
    private static Map<String, Object> groupsMapper(String claim) {
        return Map.of("name", "groups", "protocol", "openid-connect",
                "protocolMapper", "oidc-group-membership-mapper",
                "config", Map.of("claim.name", claim, "full.path", "false", "id.token.claim", "true",
                        "access.token.claim", "true", "userinfo.token.claim", "true"));
    }

    private String membership(String realm, String username, String group) {
        return "/admin/realms/" + realm + "/users/" + userId(realm, username) + "/groups/" + groupId(realm, group);
    }

    private String clientUuid(String realm, String clientId) {
        JsonNode found = send("GET", "/admin/realms/" + realm + "/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null, 200);
        if (found.size() != 1) {
            throw new IllegalArgumentException("no client " + clientId + " in realm " + realm);
        }
        return found.get(0).get("id").asText();
    }

    private String groupId(String realm, String group) {
        JsonNode found = send("GET", "/admin/realms/" + realm + "/groups?exact=true&search="
                + URLEncoder.encode(group, StandardCharsets.UTF_8), null, 200);
        for (JsonNode candidate : found) {
            if (group.equals(candidate.get("name").asText())) {
                return candidate.get("id").asText();
            }
        }
        throw new IllegalArgumentException("no group " + group + " in realm " + realm);
    }

    private JsonNode send(String method, String path, Object body, int expectedStatus) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + adminToken())
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException("Keycloak answered " + method + " " + path + " with "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak's admin API failed on " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String adminToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused its admin (" + response.statusCode() + "): "
                    + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }
}
