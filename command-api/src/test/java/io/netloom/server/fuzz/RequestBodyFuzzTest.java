package io.netloom.server.fuzz;

import io.netloom.testsupport.fuzz.FuzzCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.api.contract.NetbirdContract;
import io.netloom.server.testing.ServerTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropagationMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the request bodies of enrollment, policies, routes, networks, DNS, groups and setup keys against the real server
 * (the shared test server: Spring MVC, the real controllers, embedded PostgreSQL): valid bodies
 * changed by wrong types, missing and extra members, duplicate keys, huge, control-character and
 * exotic strings, numbers at and past every limit, deep nesting, text that is not JSON and invalid
 * UTF-8. For every input: never a 5xx; every 4xx carries the JSON error body; a refused request
 * leaves the event store, the account's audit log and the lists it could touch as they were.
 * Accepted inputs must answer with NetBird's schema. Tries and seed: {@link FuzzCampaign}.
 */
@AddLifecycleHook(value = FuzzCampaign.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class RequestBodyFuzzTest extends ServerTest {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyFuzzTest.class);
    private static final TestContextManager SPRING = new TestContextManager(RequestBodyFuzzTest.class);
    private static final int TRIES_PER_ACCOUNT = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final NetbirdContract CONTRACT = NetbirdContract.load();
    /** Peers of other tests' gateway sessions may still come and go; nothing a request body causes. */
    private static final String COUNT_EVENTS = "SELECT count(*) FROM domainevententry WHERE payloadtype NOT IN "
            + "('io.netloom.domain.peer.PeerConnectedEvent', 'io.netloom.domain.peer.PeerDisconnectedEvent')";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    @Autowired
    private JdbcTemplate jdbc;

    private FuzzTarget target;
    private FuzzAccount account;
    private int tries;
    private long startedNanos;

    @BeforeProperty
    void joinTheTestServer() throws Exception {
        SPRING.prepareTestInstance(this);
        connect();
        startedNanos = System.nanoTime();
    }

    @Property
    void enrollWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.ENROLL, input);
    }

    @Property
    void createPolicyWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_POLICY, input);
    }

    @Property
    void updatePolicyWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.UPDATE_POLICY, input);
    }

    @Property
    void createRouteWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_ROUTE, input);
    }

    @Property
    void createNetworkWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_NETWORK, input);
    }

    @Property
    void createNetworkResourceWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(
            @ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_NETWORK_RESOURCE, input);
    }

    @Property
    void createNetworkRouterWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(
            @ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_NETWORK_ROUTER, input);
    }

    @Property
    void createNameserverGroupWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(
            @ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_NAMESERVER_GROUP, input);
    }

    @Property
    void createDnsZoneWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_DNS_ZONE, input);
    }

    @Property
    void createDnsRecordWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_DNS_RECORD, input);
    }

    @Property
    void createGroupWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_GROUP, input);
    }

    @Property
    void updateGroupWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.UPDATE_GROUP, input);
    }

    @Property
    void createSetupKeyWhenBodyMutatedThenNoServerErrorAndRefusalsChangeNothing(@ForAll("inputs") FuzzInput input) {
        check(FuzzTarget.CREATE_SETUP_KEY, input);
    }

    @Provide
    Arbitrary<FuzzInput> inputs() {
        return HostileInputs.inputs();
    }

    private void check(FuzzTarget target, FuzzInput input) {
        this.target = target;
        if (account == null || tries % TRIES_PER_ACCOUNT == 0) {
            account = FuzzAccount.create(accounts, api);
        }
        tries++;
        byte[] body = input.applyTo(target.validBody.apply(account, tries));
        State before = state(target);

        HttpResponse<String> response = send(target, body);

        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        String what = target + " " + input + " → " + status + " " + excerpt(response.body());
        assertThat(status).as(what).isBetween(200, 499);
        if (status >= 400) {
            JsonNode error = JSON.readTree(response.body());
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what)
                    .startsWith("application/json");
            assertThat(error.get("code").asInt()).as(what).isEqualTo(status);
            assertThat(error.get("message").asString()).as(what).isNotBlank();
            assertThat(state(target)).as("state after the refused " + what).isEqualTo(before);
        } else if (target.isNetbirdPath()) {
            CONTRACT.assertResponseMatches(target.method, target.template, status, response.body());
        }
    }

    /** The event count, the account's audit entries and the raw lists the target could change. */
    private record State(long events, long auditEntries, List<String> lists) {
    }

    private State state(FuzzTarget target) {
        List<String> lists = new ArrayList<>();
        for (String list : target.affectedLists) {
            lists.add(account.owner().get(list).rawBody());
        }
        return new State(jdbc.queryForObject(COUNT_EVENTS, Long.class),
                jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE account_id = ?", Long.class,
                        account.accountId()),
                lists);
    }

    private HttpResponse<String> send(FuzzTarget target, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + target.path(account)))
                .timeout(Duration.ofSeconds(60))
                .method(target.method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (target.authenticated) {
            request.header("Authorization", account.owner().authorization());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(target + " request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterProperty
    void report() throws IOException {
        if (tries == 0) {
            return;
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        String line = String.format("%s\t%d\t%.1f\t%s%n", target, tries, seconds, statuses);
        log.info("Fuzzed {} with {} inputs in {} s: statuses {}", target, tries, String.format("%.1f", seconds),
                statuses);
        Path summary = Path.of("target", "fuzz-summary.tsv");
        Files.createDirectories(summary.getParent());
        Files.writeString(summary, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String excerpt(String body) {
        return body == null || body.length() <= 300 ? String.valueOf(body) : body.substring(0, 300) + "…";
    }
}
