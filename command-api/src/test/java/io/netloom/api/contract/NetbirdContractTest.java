package io.netloom.api.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netloom.api.netbird.AccessiblePeer;
import io.netloom.api.netbird.Account;
import io.netloom.api.netbird.AccountExtraSettings;
import io.netloom.api.netbird.AccountOnboarding;
import io.netloom.api.netbird.AccountRequest;
import io.netloom.api.netbird.AccountSettings;
import io.netloom.api.netbird.CreateSetupKeyRequest;
import io.netloom.api.netbird.DNSRecord;
import io.netloom.api.netbird.DNSRecordRequest;
import io.netloom.api.netbird.DNSSettings;
import io.netloom.api.netbird.ErrorResponse;
import io.netloom.api.netbird.Event;
import io.netloom.api.netbird.Group;
import io.netloom.api.netbird.GroupMinimum;
import io.netloom.api.netbird.GroupRequest;
import io.netloom.api.netbird.Nameserver;
import io.netloom.api.netbird.NameserverGroup;
import io.netloom.api.netbird.NameserverGroupRequest;
import io.netloom.api.netbird.NetbirdTimes;
import io.netloom.api.netbird.Peer;
import io.netloom.api.netbird.PeerBatch;
import io.netloom.api.netbird.PeerMinimum;
import io.netloom.api.netbird.PeerRequest;
import io.netloom.api.netbird.PersonalAccessToken;
import io.netloom.api.netbird.PersonalAccessTokenGenerated;
import io.netloom.api.netbird.PersonalAccessTokenRequest;
import io.netloom.api.netbird.Network;
import io.netloom.api.netbird.NetworkRequest;
import io.netloom.api.netbird.NetworkResource;
import io.netloom.api.netbird.NetworkResourceRequest;
import io.netloom.api.netbird.NetworkRouter;
import io.netloom.api.netbird.NetworkRouterRequest;
import io.netloom.api.netbird.Policy;
import io.netloom.api.netbird.PolicyRequest;
import io.netloom.api.netbird.PolicyRule;
import io.netloom.api.netbird.PolicyRuleUpdate;
import io.netloom.api.netbird.Route;
import io.netloom.api.netbird.RulePortRange;
import io.netloom.api.netbird.SetupKey;
import io.netloom.api.netbird.SetupKeyClear;
import io.netloom.api.netbird.SetupKeyRequest;
import io.netloom.api.netbird.User;
import io.netloom.api.netbird.UserCreateRequest;
import io.netloom.api.netbird.UserPermissions;
import io.netloom.api.netbird.UserRequest;
import io.netloom.api.netbird.Zone;
import io.netloom.api.netbird.ZoneRequest;
import io.netloom.api.netloom.ReportedConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NetbirdContractTest {

  private static final NetbirdContract CONTRACT = NetbirdContract.load();

  /** Jackson 3, Spring Boot 4's default; java.time support is built in. */
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static final Instant CREATED = Instant.parse("2026-03-01T09:00:35.477782Z");
  private static final Instant SEEN = Instant.parse("2026-03-02T10:05:26Z");

  private static final String PEER = """
      {
        "id": "chacbco6lnnbn6cg5s90",
        "name": "stage-host-1",
        "created_at": "2026-03-01T09:00:35.477782Z",
        "ip": "100.64.0.15",
        "connection_ip": "35.64.0.1",
        "connected": true,
        "last_seen": "2026-03-02T10:05:26Z",
        "os": "Linux 6.8",
        "kernel_version": "6.8.0",
        "geoname_id": 0,
        "version": "0.50.1",
        "groups": [ { "id": "ch8i4ug6lnn4g9hqv7m0", "name": "All", "peers_count": 2, "resources_count": 0 } ],
        "ssh_enabled": false,
        "user_id": "usr-1",
        "hostname": "stage-host-1",
        "ui_version": "",
        "dns_label": "stage-host-1.netloom.internal",
        "login_expiration_enabled": false,
        "login_expired": false,
        "last_login": "0001-01-01T00:00:00Z",
        "inactivity_expiration_enabled": false,
        "approval_required": false,
        "country_code": "",
        "city_name": "",
        "serial_number": "",
        "extra_dns_labels": [],
        "ephemeral": false
      }
      """;

  private static final String SETUP_KEY_CLEAR = """
      {
        "id": "2531583362",
        "key": "A616097E-FCF0-48FA-9354-CA4A61142761",
        "name": "Default key",
        "expires": "2026-06-01T14:47:22.291057Z",
        "type": "reusable",
        "valid": true,
        "revoked": false,
        "used_times": 0,
        "last_used": "0001-01-01T00:00:00Z",
        "state": "valid",
        "auto_groups": ["ch8i4ug6lnn4g9hqv7m0"],
        "updated_at": "2026-03-01T09:00:35Z",
        "usage_limit": 0,
        "ephemeral": false,
        "allow_extra_dns_labels": false
      }
      """;

  private static final String CREATE_SETUP_KEY_REQUEST = """
      {"name": "ci", "type": "one-off", "expires_in": 86400, "auto_groups": [], "usage_limit": 1}
      """;

  // --- the validator catches problems ------------------------------------------------------------------

  @Test
  void getPeerWhenBodyHasEveryRequiredFieldThenPasses() {
    assertDoesNotThrow(() -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, PEER));
    assertDoesNotThrow(
        () -> CONTRACT.assertResponseMatchesStrictly("GET", "/api/peers/{peerId}", 200, PEER));
  }

  @Test
  void getPeerWhenRequiredFieldMissingThenFailsNamingFieldAndBody() {
    String body = PEER.replace("\"dns_label\": \"stage-host-1.netloom.internal\",", "");

    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, body));

    assertTrue(error.getMessage().contains("dns_label"), error::getMessage);
    assertTrue(error.getMessage().contains("body: "), error::getMessage);
  }

  @Test
  void getPeerWhenRequiredFieldOfAllOfParentMissingThenFails() {
    String body = PEER.replace("\"name\": \"stage-host-1\",", "");

    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, body));

    assertTrue(error.getMessage().contains("name"), error::getMessage);
  }

  @Test
  void getPeerWhenFieldHasWrongTypeThenFails() {
    String body = PEER.replace("\"connected\": true", "\"connected\": \"yes\"");

    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, body));

    assertTrue(error.getMessage().contains("connected"), error::getMessage);
  }

  @Test
  void getPeerWhenRequiredFieldIsNullThenFails() {
    String body = PEER.replace("\"hostname\": \"stage-host-1\"", "\"hostname\": null");

    assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, body));
  }

  @Test
  void getPeerWhenDateTimeIsMalformedThenFails() {
    String body = PEER.replace("\"last_seen\": \"2026-03-02T10:05:26Z\"", "\"last_seen\": \"yesterday\"");

    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, body));

    assertTrue(error.getMessage().contains("last_seen"), error::getMessage);
  }

  @Test
  void getPeerWhenNestedGroupLacksRequiredFieldThenFails() {
    String body = PEER.replace("\"peers_count\": 2, ", "");

    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, body));

    assertTrue(error.getMessage().contains("peers_count"), error::getMessage);
  }

  @Test
  void getPeerWhenBodyHasUndeclaredPropertyThenOnlyStrictCheckFails() {
    String body = PEER.replace("\"ephemeral\": false", "\"ephemeral\": false, \"colour\": \"blue\"");

    assertDoesNotThrow(() -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, body));
    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatchesStrictly("GET", "/api/peers/{peerId}", 200, body));
    assertTrue(error.getMessage().contains("$.colour"), error::getMessage);
  }

  @Test
  void getPeerWhenBodyHasANetloomExtensionThenStrictCheckPassesButNotForOtherPrefixes() {
    String body = PEER.replace("\"ephemeral\": false", "\"ephemeral\": false, \"netloom_connections\": []");

    assertDoesNotThrow(() -> CONTRACT.assertResponseMatchesStrictly("GET", "/api/peers/{peerId}", 200, body));
    AssertionError error = assertThrows(AssertionError.class, () -> CONTRACT.assertResponseMatchesStrictly(
        "GET", "/api/peers/{peerId}", 200, body.replace("netloom_connections", "netloomconnections")));
    assertTrue(error.getMessage().contains("$.netloomconnections"), error::getMessage);
  }

  @Test
  void getPeerWhenBodyIsNotJsonThenFails() {
    assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 200, "{not json"));
  }

  @Test
  void getPeerWhenStatusIsNotDeclaredThenFails() {
    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 404, "{}"));

    assertTrue(error.getMessage().contains("not declared"), error::getMessage);
  }

  @Test
  void operationWhenNotInDocumentThenFails() {
    assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("GET", "/api/nothing-here", 200, "{}"));
    assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("PATCH", "/api/peers/{peerId}", 200, "{}"));
  }

  @Test
  void deletePeerWhenResponseDeclaresNoContentThenAnyBodyPasses() {
    assertDoesNotThrow(() -> CONTRACT.assertResponseMatches("DELETE", "/api/peers/{peerId}", 200, "{}"));
    assertDoesNotThrow(() -> CONTRACT.assertResponseMatches("GET", "/api/peers/{peerId}", 403,
        "{\"message\":\"forbidden\",\"code\":403}"));
  }

  @Test
  void createSetupKeyWhenPlainKeyResponseThenPassesWithDeclaredStatus200() {
    assertEquals("200", CONTRACT.declaredStatuses("POST", "/api/setup-keys").get(0));
    assertDoesNotThrow(
        () -> CONTRACT.assertResponseMatchesStrictly("POST", "/api/setup-keys", 200, SETUP_KEY_CLEAR));
  }

  @Test
  void createSetupKeyWhenResponseLacksKeyThenFails() {
    String body = SETUP_KEY_CLEAR.replace("\"key\": \"A616097E-FCF0-48FA-9354-CA4A61142761\",", "");

    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("POST", "/api/setup-keys", 200, body));

    assertTrue(error.getMessage().contains("key"), error::getMessage);
  }

  @Test
  void createSetupKeyWhenResponseStatusIs201ThenFails() {
    assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("POST", "/api/setup-keys", 201, SETUP_KEY_CLEAR));
  }

  @Test
  void createSetupKeyRequestWhenValidThenPasses() {
    assertDoesNotThrow(
        () -> CONTRACT.assertRequestMatchesStrictly("POST", "/api/setup-keys", CREATE_SETUP_KEY_REQUEST));
  }

  @Test
  void createSetupKeyRequestWhenRequiredFieldMissingThenFails() {
    String body = CREATE_SETUP_KEY_REQUEST.replace(", \"usage_limit\": 1", "");

    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertRequestMatches("POST", "/api/setup-keys", body));

    assertTrue(error.getMessage().contains("usage_limit"), error::getMessage);
  }

  @Test
  void createSetupKeyRequestWhenExpiresInBelowMinimumThenFails() {
    String body = CREATE_SETUP_KEY_REQUEST.replace("86400", "60");

    assertThrows(AssertionError.class,
        () -> CONTRACT.assertRequestMatches("POST", "/api/setup-keys", body));
  }

  @Test
  void requestWhenFormatIsNotDateTimeThenFormatIsOnlyAnAnnotation() {
    String body = """
        {"name": "h", "ssh_enabled": false, "login_expiration_enabled": false,
         "inactivity_expiration_enabled": false, "ip": "not-an-ipv4"}
        """;

    assertDoesNotThrow(() -> CONTRACT.assertRequestMatches("PUT", "/api/peers/{peerId}", body));
  }

  @Test
  void requestWhenOperationHasNoBodyThenFails() {
    assertThrows(AssertionError.class,
        () -> CONTRACT.assertRequestMatches("DELETE", "/api/peers/{peerId}", "{}"));
  }

  @Test
  void updateAccountRequestWhenReadOnlyPropertySentThenFails() {
    String settings = """
        "peer_login_expiration_enabled": true, "peer_login_expiration": 86400,
        "peer_inactivity_expiration_enabled": false, "peer_inactivity_expiration": 600,
        "regular_users_view_blocked": true, "peer_expose_enabled": false, "peer_expose_groups": []
        """;
    String valid = "{\"settings\": {" + settings + "}}";
    String withReadOnly = "{\"settings\": {" + settings + ", \"embedded_idp_enabled\": false}}";

    assertDoesNotThrow(() -> CONTRACT.assertRequestMatches("PUT", "/api/accounts/{accountId}", valid));
    AssertionError error = assertThrows(AssertionError.class,
        () -> CONTRACT.assertRequestMatches("PUT", "/api/accounts/{accountId}", withReadOnly));
    assertTrue(error.getMessage().contains("embedded_idp_enabled"), error::getMessage);
  }

  @Test
  void conflictResponseWhenErrorBodyThenValidatedThroughComponentResponseRef() {
    String path = "/api/reverse-proxies/services";

    assertDoesNotThrow(() -> CONTRACT.assertResponseMatches("POST", path, 409,
        "{\"message\": \"already exists\", \"code\": 409}"));
    assertThrows(AssertionError.class,
        () -> CONTRACT.assertResponseMatches("POST", path, 409, "{\"message\": 409}"));
  }

  @Test
  void schemaWhenNamedThenValidatesAgainstComponent() {
    assertDoesNotThrow(() -> CONTRACT.assertSchemaMatches("ErrorResponse", "{\"message\": \"x\", \"code\": 422}"));
    assertThrows(AssertionError.class, () -> CONTRACT.assertSchemaMatches("ErrorResponse", "{\"message\": []}"));
    assertThrows(AssertionError.class, () -> CONTRACT.assertSchemaMatches("NoSuchSchema", "{}"));
  }

  // --- the DTOs serialize to NetBird's wire format -----------------------------------------------------

  static Stream<Arguments> responseDtos() {
    Account account = account();
    User user = user();
    PersonalAccessToken token = token();
    Peer peer = peer();
    Group group = group();
    SetupKey setupKey = new SetupKey("2531583362", "A6160****", "Default key", CREATED.plusSeconds(86400),
        "reusable", true, false, 2, SEEN, "valid", List.of("grp-all"), CREATED, 0, true, false);
    SetupKeyClear setupKeyClear = new SetupKeyClear("2531583362", "A616097E-FCF0-48FA-9354-CA4A61142761",
        "Default key", CREATED.plusSeconds(86400), "one-off", true, false, 0, NetbirdTimes.ZERO, "valid",
        List.of(), CREATED, 1, false, true);
    Policy policy = policy();
    Route peerRoute = new Route("route-1", "IPv4", "office LAN", "office", true, "peer-1", null, "10.1.0.0/16",
        100, true, List.of("grp-devs"), false, List.of(), false);
    Route exitNode = new Route("route-2", "IPv4", "", "exit", true, null, List.of("grp-exits"), "0.0.0.0/0", 9999,
        true, List.of("grp-all"), false, List.of("grp-web"), true);
    Network office = new Network("net-1", List.of("rtr-1"), 1, List.of("res-1"), List.of(), "office",
        "the office LAN");
    NetworkRouter peerRouter = new NetworkRouter("rtr-1", "peer-1", null, 100, true, true);
    NetworkRouter groupRouter = new NetworkRouter("rtr-2", null, List.of("grp-routers"), 9999, false, false);
    NetworkResource host = new NetworkResource("res-1", "host",
        List.of(new GroupMinimum("grp-web", "web", 0, 0, "api")), "web", "intranet", "10.1.2.3", true);
    NetworkResource subnet = new NetworkResource("res-2", "subnet", List.of(), "lan", "", "10.1.0.0/16", false);
    Network lab = new Network("net-2", List.of(), 0, List.of(), List.of(), "lab", "");
    Event event = new Event("10", SEEN, "Group created", "group.add", "usr-1", "Ada Admin",
        "ada@example.org", "grp-devs", Map.of("name", "devs"));
    Event systemEvent = new Event("11", SEEN, "Setup key revoked", "setupkey.revoke", "", "", "", "key-1",
        Map.of());
    Nameserver google = new Nameserver("198.18.0.53", "udp", 53);
    NameserverGroup matchDomains = new NameserverGroup("ns-1", "office DNS", "", List.of(google,
        new Nameserver("2001:db8::53", "udp", 5353)), true, List.of("grp-office"), false, List.of("corp.example"),
        true);
    NameserverGroup primary = new NameserverGroup("ns-2", "resolvers", "everything else", List.of(google), false,
        List.of("grp-all"), true, List.of(), false);
    DNSRecord www = new DNSRecord("rec-1", "www.corp.example", "A", "198.18.1.10", 300);
    DNSRecord wiki = new DNSRecord("rec-2", "wiki.corp.example", "CNAME", "www.corp.example", 0);
    Zone zone = new Zone("zone-1", "office", "corp.example", true, false, List.of("grp-office"),
        List.of(www, wiki));
    Zone emptyZone = new Zone("zone-2", "lab", "lab.example", false, true, List.of("grp-lab"), List.of());
    AccessiblePeer accessiblePeer = new AccessiblePeer("peer-2", "db-1", "100.64.0.16",
        "db-1.netloom.internal", "usr-1", "Linux 6.8", "", "", 0, false, NetbirdTimes.ZERO);
    return Stream.of(
        Arguments.of("Account list", "GET", "/api/accounts", 200, List.of(account)),
        Arguments.of("Account", "PUT", "/api/accounts/{accountId}", 200, account),
        Arguments.of("Account minimal", "PUT", "/api/accounts/{accountId}", 200, minimalAccount()),
        Arguments.of("User list", "GET", "/api/users", 200, List.of(user, serviceUser())),
        Arguments.of("User created", "POST", "/api/users", 200, serviceUser()),
        Arguments.of("User updated", "PUT", "/api/users/{userId}", 200, user),
        Arguments.of("User current", "GET", "/api/users/current", 200, user),
        Arguments.of("Token list", "GET", "/api/users/{userId}/tokens", 200, List.of(token)),
        Arguments.of("Token", "GET", "/api/users/{userId}/tokens/{tokenId}", 200, token),
        Arguments.of("Token generated", "POST", "/api/users/{userId}/tokens", 200,
            new PersonalAccessTokenGenerated("nbp_F3f0dXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", token)),
        Arguments.of("Peer", "GET", "/api/peers/{peerId}", 200, peer),
        Arguments.of("Peer updated", "PUT", "/api/peers/{peerId}", 200, peer),
        Arguments.of("Peer list", "GET", "/api/peers", 200, List.of(new PeerBatch(peer, 3))),
        Arguments.of("Accessible peers", "GET", "/api/peers/{peerId}/accessible-peers", 200,
            List.of(accessiblePeer)),
        Arguments.of("Group list", "GET", "/api/groups", 200, List.of(group)),
        Arguments.of("Group created", "POST", "/api/groups", 200, group),
        Arguments.of("Group", "GET", "/api/groups/{groupId}", 200, group),
        Arguments.of("Setup key list", "GET", "/api/setup-keys", 200, List.of(setupKey)),
        Arguments.of("Setup key", "GET", "/api/setup-keys/{keyId}", 200, setupKey),
        Arguments.of("Setup key updated", "PUT", "/api/setup-keys/{keyId}", 200, setupKey),
        Arguments.of("Setup key created", "POST", "/api/setup-keys", 200, setupKeyClear),
        Arguments.of("Policy list", "GET", "/api/policies", 200, List.of(policy)),
        Arguments.of("Policy created", "POST", "/api/policies", 200, policy),
        Arguments.of("Policy", "GET", "/api/policies/{policyId}", 200, policy),
        Arguments.of("Policy updated", "PUT", "/api/policies/{policyId}", 200, policy),
        Arguments.of("Route list", "GET", "/api/routes", 200, List.of(peerRoute, exitNode)),
        Arguments.of("Route created", "POST", "/api/routes", 200, peerRoute),
        Arguments.of("Route", "GET", "/api/routes/{routeId}", 200, exitNode),
        Arguments.of("Route updated", "PUT", "/api/routes/{routeId}", 200, exitNode),
        Arguments.of("Network list", "GET", "/api/networks", 200, List.of(office, lab)),
        Arguments.of("Network created", "POST", "/api/networks", 200, office),
        Arguments.of("Network", "GET", "/api/networks/{networkId}", 200, lab),
        Arguments.of("Network updated", "PUT", "/api/networks/{networkId}", 200, office),
        Arguments.of("Network resource list", "GET", "/api/networks/{networkId}/resources", 200,
            List.of(host, subnet)),
        Arguments.of("Network resource created", "POST", "/api/networks/{networkId}/resources", 200, host),
        Arguments.of("Network resource", "GET", "/api/networks/{networkId}/resources/{resourceId}", 200, subnet),
        Arguments.of("Network router list", "GET", "/api/networks/{networkId}/routers", 200,
            List.of(peerRouter, groupRouter)),
        Arguments.of("All network routers", "GET", "/api/networks/routers", 200, List.of(peerRouter, groupRouter)),
        Arguments.of("Network router created", "POST", "/api/networks/{networkId}/routers", 200, peerRouter),
        Arguments.of("Network router", "GET", "/api/networks/{networkId}/routers/{routerId}", 200, groupRouter),
        Arguments.of("Network router updated", "PUT", "/api/networks/{networkId}/routers/{routerId}", 200,
            peerRouter),
        Arguments.of("Network resource updated", "PUT", "/api/networks/{networkId}/resources/{resourceId}", 200,
            host),
        Arguments.of("Audit events", "GET", "/api/events/audit", 200, List.of(event, systemEvent)),
        Arguments.of("Nameserver group list", "GET", "/api/dns/nameservers", 200, List.of(matchDomains, primary)),
        Arguments.of("Nameserver group created", "POST", "/api/dns/nameservers", 200, matchDomains),
        Arguments.of("Nameserver group", "GET", "/api/dns/nameservers/{nsgroupId}", 200, primary),
        Arguments.of("Nameserver group updated", "PUT", "/api/dns/nameservers/{nsgroupId}", 200, primary),
        Arguments.of("DNS settings", "GET", "/api/dns/settings", 200, new DNSSettings(List.of("grp-lab"))),
        Arguments.of("DNS settings updated", "PUT", "/api/dns/settings", 200, new DNSSettings(List.of())),
        Arguments.of("Zone list", "GET", "/api/dns/zones", 200, List.of(zone, emptyZone)),
        Arguments.of("Zone created", "POST", "/api/dns/zones", 200, emptyZone),
        Arguments.of("Zone", "GET", "/api/dns/zones/{zoneId}", 200, zone),
        Arguments.of("Zone updated", "PUT", "/api/dns/zones/{zoneId}", 200, zone),
        Arguments.of("Record list", "GET", "/api/dns/zones/{zoneId}/records", 200, List.of(www, wiki)),
        Arguments.of("Record created", "POST", "/api/dns/zones/{zoneId}/records", 200, www),
        Arguments.of("Record", "GET", "/api/dns/zones/{zoneId}/records/{recordId}", 200, wiki),
        Arguments.of("Record updated", "PUT", "/api/dns/zones/{zoneId}/records/{recordId}", 200, www));
  }

  @ParameterizedTest(name = "{0}: {1} {2} {3}")
  @MethodSource("responseDtos")
  void responseDtoWhenSerializedWithJackson3ThenMatchesNetbirdResponseSchemaStrictly(
      String name, String method, String path, int status, Object dto) {
    String json = MAPPER.writeValueAsString(dto);

    assertDoesNotThrow(() -> CONTRACT.assertResponseMatchesStrictly(method, path, status, json));
  }

  @Test
  void errorResponseDtoWhenSerializedThenMatchesErrorResponseSchema() {
    String json = MAPPER.writeValueAsString(ErrorResponse.of(422, "invalid setup key type"));

    assertEquals("{\"message\":\"invalid setup key type\",\"code\":422}", json);
    CONTRACT.assertSchemaMatches("ErrorResponse", json);
    // "code" is what NetBird's server sends, but the schema only declares "message": lax check only.
    CONTRACT.assertResponseMatches("POST", "/api/reverse-proxies/services", 409, json);
  }

  static Stream<Arguments> requestDtos() {
    PolicyRuleUpdate rule = new PolicyRuleUpdate(null, "web", "http only", true, "accept", false, "tcp",
        List.of("80", "443"), null, List.of("grp-devs"), null, List.of("grp-web"), null, null);
    PolicyRuleUpdate rangeRule = new PolicyRuleUpdate("rule-2", "ephemeral ports", null, true, "accept",
        true, "udp", null, List.of(RulePortRange.of(49152, 65535)), List.of("grp-all"), null,
        List.of("grp-all"), null, null);
    PolicyRequest policy = new PolicyRequest("devs to web", null, true, List.of(), List.of(rule, rangeRule));
    AccountSettings settings = new AccountSettings(true, 86400L, false, 3600L, true, null, null, null, null,
        null, null, null, false, List.of(), null);
    return Stream.of(
        Arguments.of("AccountRequest", "PUT", "/api/accounts/{accountId}",
            new AccountRequest(settings, null)),
        Arguments.of("AccountRequest full", "PUT", "/api/accounts/{accountId}",
            new AccountRequest(accountSettings(), AccountOnboarding.completed())),
        Arguments.of("UserRequest", "PUT", "/api/users/{userId}",
            new UserRequest("admin", List.of("grp-devs"), false)),
        Arguments.of("UserCreateRequest", "POST", "/api/users",
            new UserCreateRequest(null, "ci-bot", "user", List.of(), true)),
        Arguments.of("PersonalAccessTokenRequest", "POST", "/api/users/{userId}/tokens",
            new PersonalAccessTokenRequest("ci", 30)),
        Arguments.of("PeerRequest", "PUT", "/api/peers/{peerId}",
            new PeerRequest("stage-host-1", false, true, false, null, "100.64.0.20")),
        Arguments.of("GroupRequest", "POST", "/api/groups",
            new GroupRequest("devs", List.of("peer-1"), null)),
        Arguments.of("GroupRequest update", "PUT", "/api/groups/{groupId}",
            new GroupRequest("devs", null, null)),
        Arguments.of("SetupKeyRequest", "PUT", "/api/setup-keys/{keyId}",
            new SetupKeyRequest(true, List.of("grp-devs"))),
        Arguments.of("CreateSetupKeyRequest", "POST", "/api/setup-keys",
            new CreateSetupKeyRequest("ci", "one-off", 86400L, List.of(), 1, true, false)),
        Arguments.of("PolicyRequest create", "POST", "/api/policies", policy),
        Arguments.of("PolicyRequest update", "PUT", "/api/policies/{policyId}", policy),
        Arguments.of("NetworkRequest create", "POST", "/api/networks", new NetworkRequest("office", "the LAN")),
        Arguments.of("NetworkRequest update", "PUT", "/api/networks/{networkId}", new NetworkRequest("lab", null)),
        Arguments.of("NetworkResourceRequest", "POST", "/api/networks/{networkId}/resources",
            new NetworkResourceRequest("web", null, "10.1.2.3", true, List.of("grp-web"))),
        Arguments.of("NetworkRouterRequest", "PUT", "/api/networks/{networkId}/routers/{routerId}",
            new NetworkRouterRequest(null, List.of("grp-routers"), 100, true, true)),
        Arguments.of("NameserverGroupRequest", "POST", "/api/dns/nameservers",
            new NameserverGroupRequest("office DNS", "", List.of(new Nameserver("198.18.0.53", "udp", 53)), true,
                List.of("grp-office"), false, List.of("corp.example"), true)),
        Arguments.of("NameserverGroupRequest update", "PUT", "/api/dns/nameservers/{nsgroupId}",
            new NameserverGroupRequest("resolvers", "", List.of(new Nameserver("198.18.0.53", "udp", 53)), true,
                List.of("grp-all"), true, List.of(), false)),
        Arguments.of("DNSSettings", "PUT", "/api/dns/settings", new DNSSettings(List.of("grp-lab"))),
        Arguments.of("ZoneRequest", "POST", "/api/dns/zones",
            new ZoneRequest("office", "corp.example", null, false, List.of("grp-office"))),
        Arguments.of("ZoneRequest update", "PUT", "/api/dns/zones/{zoneId}",
            new ZoneRequest("office", "corp.example", false, true, List.of("grp-office"))),
        Arguments.of("DNSRecordRequest", "POST", "/api/dns/zones/{zoneId}/records",
            new DNSRecordRequest("www.corp.example", "A", "198.18.1.10", 300)),
        Arguments.of("DNSRecordRequest update", "PUT", "/api/dns/zones/{zoneId}/records/{recordId}",
            new DNSRecordRequest("wiki.corp.example", "CNAME", "www.corp.example", 60)));
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @MethodSource("requestDtos")
  void requestDtoWhenSerializedWithJackson3ThenMatchesNetbirdRequestSchemaStrictly(
      String name, String method, String path, Object dto) {
    String json = MAPPER.writeValueAsString(dto);

    assertDoesNotThrow(() -> CONTRACT.assertRequestMatchesStrictly(method, path, json));
  }

  @Test
  void requestDtoWhenJsonHasUnknownFieldsAndOmitsOptionalOnesThenDeserializes() {
    String json = """
        {"name": "ci", "type": "reusable", "expires_in": 86400, "auto_groups": ["g1"], "usage_limit": 0,
         "some_future_field": {"x": 1}}
        """;

    CreateSetupKeyRequest request = MAPPER.readValue(json, CreateSetupKeyRequest.class);

    assertEquals("ci", request.name());
    assertEquals(86400L, request.expiresIn());
    assertEquals(List.of("g1"), request.autoGroups());
    assertEquals(0, request.usageLimit());
    assertNull(request.ephemeral());
    assertNull(request.allowExtraDnsLabels());
  }

  @Test
  void requestDtoWhenRequiredFieldMissingThenComponentIsNull() {
    UserRequest request = MAPPER.readValue("{\"role\": \"user\", \"auto_groups\": []}", UserRequest.class);

    assertEquals("user", request.role());
    assertNull(request.isBlocked());
  }

  @Test
  void requestDtoWhenIsPrefixedBooleanSentThenRead() {
    UserRequest request = MAPPER.readValue(
        "{\"role\": \"user\", \"auto_groups\": [], \"is_blocked\": true}", UserRequest.class);

    assertEquals(Boolean.TRUE, request.isBlocked());
    assertEquals("{\"role\":\"user\",\"auto_groups\":[],\"is_blocked\":true}",
        MAPPER.writeValueAsString(request));
  }

  @Test
  void policyRequestWhenNetbirdJsonThenDeserializesRulesAndPortRanges() {
    String ruleJson = """
        {"name": "r", "enabled": true, "action": "accept", "bidirectional": true, "protocol": "tcp",
         "port_ranges": [{"start": 80, "end": 320}], "sources": ["g1"], "destinations": ["g2"]"""
        + " %s}";
    String json = "{\"name\": \"p\", \"enabled\": true, \"rules\": [" + ruleJson.formatted(
        ", \"destinationResource\": {\"id\": \"res-1\", \"type\": \"host\"}") + "]}";
    CONTRACT.assertRequestMatches("POST", "/api/policies",
        "{\"name\": \"p\", \"enabled\": true, \"rules\": [" + ruleJson.formatted("") + "]}");
    // NetBird's Resource.type is allOf [enum host/subnet/domain, enum peer]; the contract reads it as anyOf.
    CONTRACT.assertRequestMatches("POST", "/api/policies", json);
    assertThrows(AssertionError.class, () -> CONTRACT.assertRequestMatches("POST", "/api/policies",
        json.replace("\"host\"", "\"printer\"")));

    PolicyRequest request = MAPPER.readValue(json, PolicyRequest.class);

    PolicyRuleUpdate rule = request.rules().get(0);
    assertEquals(RulePortRange.of(80, 320), rule.portRanges().get(0));
    assertEquals(List.of("g1"), rule.sources());
    assertEquals("res-1", rule.destinationResource().id());
    assertNull(request.sourcePostureChecks());
  }

  @Test
  void responseDtoWhenSerializedThenWritesIsoDateTimesAndOmitsNullOptionals() {
    JsonNode json = MAPPER.valueToTree(serviceUser());

    assertFalse(json.has("last_login"));
    assertTrue(json.get("is_service_user").asBoolean());
    assertFalse(json.has("blocked"), "is-prefixed boolean must not also be written as 'blocked'");

    JsonNode peer = MAPPER.valueToTree(peer());
    assertEquals("2026-03-01T09:00:35.477782Z", peer.get("created_at").asString());
    assertEquals("0001-01-01T00:00:00Z", peer.get("last_login").asString());
  }

  @Test
  void peerWhenItsDaemonReportedPathsThenNetloomConnectionsBesideNetbirdsFieldsAndNullsOmitted() {
    JsonNode peer = MAPPER.valueToTree(peer());

    assertEquals("35.64.0.1", peer.get("connection_ip").asString());
    assertEquals("{\"peer_id\":\"peer-2\",\"peer_name\":\"stage-host-2\",\"connection_type\":\"RELAYED\","
        + "\"local_candidate_type\":\"relay\",\"remote_candidate_type\":\"srflx\",\"remote_endpoint\":"
        + "\"203.0.113.7:51820\",\"relay_transport\":\"tcp\",\"latency_ms\":12.5}",
        peer.get("netloom_connections").get(0).toString());
    JsonNode direct = MAPPER.valueToTree(new ReportedConnection("peer-3", "nas", "P2P", "host", "host",
        "198.18.0.9:51820", null, null));
    assertFalse(direct.has("relay_transport"));
    assertFalse(direct.has("latency_ms"));
  }

  // --- samples -----------------------------------------------------------------------------------------

  private static AccountSettings accountSettings() {
    return new AccountSettings(true, 86400L, true, 600L, true, false, false, "", List.of(), false,
        "netloom.internal", "100.64.0.0/10", false, List.of(), AccountExtraSettings.disabled());
  }

  private static Account account() {
    return new Account("acc-1", accountSettings(), "example.org", "private", CREATED, "usr-1",
        AccountOnboarding.completed());
  }

  private static Account minimalAccount() {
    AccountSettings settings = new AccountSettings(false, 0L, false, 0L, false, null, null, null, null,
        null, null, null, false, List.of(), null);
    return new Account("acc-1", settings, "", "", CREATED, "", new AccountOnboarding(false, false));
  }

  private static User user() {
    UserPermissions permissions = new UserPermissions(false,
        Map.of("peers", Map.of("read", true, "create", true, "update", true, "delete", true)));
    return new User("usr-1", "ada@example.org", null, "Ada Admin", "owner", "active", SEEN, List.of("grp-devs"),
        true, false, false, false, "api", permissions);
  }

  private static User serviceUser() {
    return new User("usr-2", "", null, "ci-bot", "user", "active", null, List.of(), null, true, false, false,
        "api", null);
  }

  private static PersonalAccessToken token() {
    return new PersonalAccessToken("tok-1", "ci", CREATED.plusSeconds(30 * 86400L), "usr-1", CREATED, null);
  }

  private static Peer peer() {
    return new Peer("peer-1", "stage-host-1", CREATED, "100.64.0.15", "35.64.0.1", true, SEEN, "Linux 6.8",
        "6.8.0", 0, "0.50.1", List.of(new GroupMinimum("grp-all", "All", 2, 0, "api")), false, "usr-1",
        "stage-host-1", "", "stage-host-1.netloom.internal", true, false, NetbirdTimes.ZERO, false, false,
        "", "", "", List.of(), false, List.of(new ReportedConnection("peer-2", "stage-host-2", "RELAYED", "relay",
            "srflx", "203.0.113.7:51820", "tcp", 12.5)));
  }

  private static Group group() {
    return new Group("grp-devs", "devs", 1, 0, "api", List.of(new PeerMinimum("peer-1", "stage-host-1")),
        List.of());
  }

  private static Policy policy() {
    GroupMinimum devs = new GroupMinimum("grp-devs", "devs", 1, 0, null);
    GroupMinimum web = new GroupMinimum("grp-web", "web", 3, 0, "api");
    PolicyRule ports = new PolicyRule("rule-1", "web", "http only", true, "accept", false, "tcp",
        List.of("80", "443"), null, List.of(devs), List.of(web));
    PolicyRule ranges = new PolicyRule("rule-2", "ephemeral", null, false, "drop", true, "udp", null,
        List.of(RulePortRange.of(49152, 65535)), List.of(web), List.of(devs));
    PolicyRule all = new PolicyRule("rule-3", "all", null, true, "accept", true, "all", null, null,
        List.of(), List.of());
    return new Policy("pol-1", "devs to web", null, true, List.of(), List.of(ports, ranges, all));
  }
}
