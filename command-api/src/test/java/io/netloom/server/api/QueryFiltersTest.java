package io.netloom.server.api;

import static io.netloom.server.testing.TestData.createGroup;
import static io.netloom.server.testing.TestData.createUser;
import static io.netloom.server.testing.TestData.error;
import static io.netloom.server.testing.TestData.ok;
import static io.netloom.server.testing.TestData.regularUser;
import static io.netloom.server.testing.TestData.serviceUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.server.testing.CoversQueryParameter;
import io.netloom.server.testing.NetloomApi;
import io.netloom.server.testing.ServerTest;
import io.netloom.server.testing.TestPeers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NetBird's list filters do what its spec says; a parameter nobody defined is refused, not ignored. */
class QueryFiltersTest extends ServerTest {

    @Test
    @CoversQueryParameter(method = "GET", path = "/api/groups", name = "name")
    void listGroupsWhenNameGivenThenOnlyTheGroupOfExactlyThatName() {
        NetloomApi.Client owner = accounts.newAccount();
        String web = createGroup(owner, "web");
        createGroup(owner, "web-prod");
        String capitalised = createGroup(owner, "Web");
        String spaced = createGroup(owner, "build agents");

        assertThat(names(owner.get("/api/groups?name=web"))).containsExactly("web");
        assertThat(ok(owner.get("/api/groups?name=web")).body().get(0).get("id").asString()).isEqualTo(web);
        assertThat(ok(owner.get("/api/groups?name=Web")).body().get(0).get("id").asString()).isEqualTo(capitalised);
        assertThat(ok(owner.get("/api/groups?name=build%20agents")).body().get(0).get("id").asString())
                .isEqualTo(spaced);
        assertThat(ok(owner.get("/api/groups?name=build+agents")).body().get(0).get("id").asString())
                .isEqualTo(spaced);
        assertThat(names(owner.get("/api/groups?name=All"))).containsExactly("All");
        assertThat(names(owner.get("/api/groups?name="))).containsExactly("All", "web", "web-prod", "Web",
                "build agents");
    }

    @Test
    @CoversQueryParameter(method = "GET", path = "/api/groups", name = "name")
    void listGroupsWhenNoGroupHasTheNameThenNotFoundRatherThanAnotherGroup() {
        NetloomApi.Client owner = accounts.newAccount();
        createGroup(owner, "web");
        NetloomApi.Client stranger = accounts.newAccount();
        createGroup(stranger, "secret");

        error(owner.get("/api/groups?name=we"), 404);
        error(owner.get("/api/groups?name=WEB"), 404);
        error(owner.get("/api/groups?name=%25"), 404);
        error(owner.get("/api/groups?name=secret"), 404);
        error(owner.get("/api/groups?name=a%07b"), 400);
        error(owner.get("/api/groups?name=" + "x".repeat(256)), 400);
    }

    @Test
    @CoversQueryParameter(method = "GET", path = "/api/peers", name = "name")
    void listPeersWhenNameGivenThenThoseWhoseNameContainsItIgnoringCase() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        TestPeers.enroll(api.anonymous(), key, "web-1");
        TestPeers.enroll(api.anonymous(), key, "Web-2");
        TestPeers.enroll(api.anonymous(), key, "db");
        NetloomApi.Client stranger = accounts.newAccount();
        TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(stranger, List.of()), "web-3");

        assertThat(names(owner.get("/api/peers?name=web"))).containsExactlyInAnyOrder("web-1", "Web-2");
        assertThat(names(owner.get("/api/peers?name=WEB-2"))).containsExactly("Web-2");
        assertThat(names(owner.get("/api/peers?name=db"))).containsExactly("db");
        assertThat(names(owner.get("/api/peers?name=zzz"))).isEmpty();
        assertThat(names(owner.get("/api/peers?name=%25"))).as("wildcards are literal").isEmpty();
        assertThat(names(owner.get("/api/peers?name=_"))).isEmpty();
        assertThat(names(owner.get("/api/peers?name="))).hasSize(3);
        error(owner.get("/api/peers?name=a%00"), 400);
    }

    @Test
    @CoversQueryParameter(method = "GET", path = "/api/peers", name = "ip")
    void listPeersWhenIpGivenThenThoseWhoseAddressContainsIt() {
        NetloomApi.Client owner = accounts.newAccount();
        String key = TestPeers.createReusableKey(owner, List.of());
        TestPeers.enroll(api.anonymous(), key, "web");
        TestPeers.enroll(api.anonymous(), key, "db");
        Map<String, String> ipByName = ipsByName(owner);

        assertThat(names(owner.get("/api/peers?ip=" + ipByName.get("db")))).containsExactly("db");
        assertThat(names(owner.get("/api/peers?ip=" + ipByName.get("web")))).containsExactly("web");
        assertThat(names(owner.get("/api/peers?ip=100."))).containsExactlyInAnyOrder("web", "db");
        assertThat(names(owner.get("/api/peers?ip=192.0.2.1"))).isEmpty();
        assertThat(names(owner.get("/api/peers?ip=" + ipByName.get("db") + "&name=web"))).isEmpty();
        assertThat(names(owner.get("/api/peers?ip=" + ipByName.get("db") + "&name=d"))).containsExactly("db");
        assertThat(names(owner.get("/api/peers?ip="))).hasSize(2);
        error(owner.get("/api/peers?ip=web"), 400);
        error(owner.get("/api/peers?ip=100.64.0.0%2F10"), 400);
        error(owner.get("/api/peers?ip=" + "1".repeat(46)), 400);
    }

    @Test
    @CoversQueryParameter(method = "GET", path = "/api/users", name = "service_user")
    void listUsersWhenServiceUserGivenThenOnlyServiceOrOnlyRegularUsers() {
        NetloomApi.Client owner = accounts.newAccount();
        String bot = createUser(owner, serviceUser("bot", "user"));
        String ann = createUser(owner, regularUser("ann@example.com", "user"));
        String self = ok(owner.get("/api/users/current")).text("id");

        for (String yes : List.of("true", "True", "TRUE", "t", "T", "1")) {
            assertThat(ids(owner.get("/api/users?service_user=" + yes))).containsExactlyInAnyOrder(self, bot);
        }
        for (String no : List.of("false", "False", "FALSE", "f", "F", "0")) {
            assertThat(ids(owner.get("/api/users?service_user=" + no))).containsExactly(ann);
        }
        assertThat(ids(owner.get("/api/users?service_user="))).containsExactlyInAnyOrder(self, bot, ann);
        for (String invalid : List.of("yes", "on", "maybe", "2", "tRUE", "%20true")) {
            error(owner.get("/api/users?service_user=" + invalid), 400);
        }
    }

    @Test
    void anyPathWhenQueryParameterUnknownOrRepeatedThenBadRequestNamingIt() {
        NetloomApi.Client owner = accounts.newAccount();
        String group = createGroup(owner, "web");
        String peer = TestPeers.enroll(api.anonymous(), TestPeers.createReusableKey(owner, List.of()), "box");

        assertThat(error(owner.get("/api/groups?nmae=web"), 400).text("message")).contains("\"nmae\"", "name");
        assertThat(error(owner.get("/api/groups?account=other"), 400).text("message")).contains("\"account\"");
        assertThat(error(owner.get("/api/groups?name=web&name=All"), 400).text("message"))
                .contains("more than once");
        error(owner.get("/api/peers?name=a&name=b"), 400);
        error(owner.get("/api/groups/{groupId}?name=web", group), 400);
        error(owner.get("/api/peers/{peerId}?verbose=1", peer), 400);
        error(owner.delete("/api/groups/{groupId}?force=true", group), 400);
        error(owner.get("/api/users/current?service_user=true"), 400);
        error(api.anonymous().post("/api/netloom/enroll?debug=1",
                TestPeers.enrollment("no key", TestPeers.newPublicKey(), "x")), 400);

        assertThat(names(owner.get("/api/groups"))).containsExactly("All", "web");
        ok(owner.get("/api/groups/{groupId}", group));
    }

    private static List<String> names(NetloomApi.Response list) {
        return ok(list).body().valueStream().map(element -> element.get("name").asString()).toList();
    }

    private static List<String> ids(NetloomApi.Response list) {
        return ok(list).body().valueStream().map(element -> element.get("id").asString()).toList();
    }

    private static Map<String, String> ipsByName(NetloomApi.Client owner) {
        return ok(owner.get("/api/peers")).body().valueStream()
                .collect(java.util.stream.Collectors.toMap(peer -> peer.get("name").asString(),
                        peer -> peer.get("ip").asString()));
    }
}
