package io.netloom.server.scim;

import static io.netloom.server.scim.ScimHttp.ok;
import static io.netloom.server.scim.ScimHttp.scimError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input a hostile or broken client sends: never a 5xx (ScimHttp fails the test on one), always SCIM's error body
 * with a 4xx, and the account's history unchanged.
 */
class ScimHostileInputTest extends ScimServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "2147483648", "-99999999999999999999", "1e3", "0x10", "",
            "%00", "%E2%80%AE1"})
    void listWhenPagingNumbersHostileThenListOrInvalidValue(String number) {
        ScimAccount account = newScimAccount();
        for (String query : List.of("?startIndex=" + number, "?count=" + number)) {
            ScimHttp.Response answer = account.scim().get("/scim/v2/Users" + query);
            if (answer.status() != 200) {
                scimError(answer, 400, "invalidValue");
            }
        }
    }

    @Test
    void listWhenStartIndexBeyondIntThenEmptyPageNotError() {
        ScimAccount account = newScimAccount();

        ScimHttp.Response page = ok(account.scim().get("/scim/v2/Users?startIndex=99999999999999999999"), 200);

        assertThat(page.body().get("Resources").size()).isZero();
        assertThat(ok(account.scim().get("/scim/v2/Users?count=99999999999999999999"), 200)
                .body().get("itemsPerPage").asInt()).isLessThanOrEqualTo(ScimPage.MAX_RESULTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "\"x\"", "42", "{\"schemas\":null}", "{\"schemas\":{}}",
            "{\"schemas\":[null]}", "{\"schemas\":[[]]}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":null}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":[\"a@example.com\"]}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":{\"x\":1}}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"   \"}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\\u0000b@example.com\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"\\ud800@example.com\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"not-an-email\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.com\","
                    + "\"active\":[true]}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.com\","
                    + "\"active\":\"yes\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.com\","
                    + "\"name\":[]}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.com\","
                    + "\"externalId\":\"\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.com\","
                    + "\"externalId\":\"a\\u0000b\"}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.com\","
                    + "\"externalId\":{}}",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@example.com\","
                    + "\"displayName\":\"a\\u0000\\n\\u202eb\"}"})
    void createWhenBodyHostileThenBadRequestAndNothingCreated(String body) {
        ScimAccount account = newScimAccount();
        int history = historySize(account);

        ScimHttp.Response answer = account.scim().send("POST", "/scim/v2/Users", ScimHttp.SCIM_JSON, body);

        scimError(answer, 400, null);
        assertThat(historySize(account)).isEqualTo(history);
    }

    @Test
    void createWhenJsonNestedDeeplyThenInvalidSyntax() {
        ScimAccount account = newScimAccount();
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        scimError(account.scim().send("POST", "/scim/v2/Users", ScimHttp.SCIM_JSON,
                "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"a@example.com\",\"x\":" + deep + "}"),
                400, "invalidSyntax");
    }

    @Test
    void createWhenBodyLargerThanTheLimitThenScimTooLargeAndNothingCreated() {
        ScimAccount account = newScimAccount();
        int history = historySize(account);

        ScimHttp.Response answer = account.scim().send("POST", "/scim/v2/Users", ScimHttp.SCIM_JSON,
                "{\"schemas\":[\"" + USER_SCHEMA + "\"],\"userName\":\"a@example.com\",\"x\":\""
                        + "x".repeat(2 * 1024 * 1024) + "\"}");

        scimError(answer, 413, null);
        assertThat(historySize(account)).isEqualTo(history);
    }

    @Test
    void createWhenUserNameHugeThenBadRequestAndNothingCreated() {
        ScimAccount account = newScimAccount();
        int history = historySize(account);

        ScimHttp.Response answer = account.scim().post("/scim/v2/Users", Map.of("schemas", List.of(USER_SCHEMA),
                "userName", "a".repeat(100_000) + "@example.com"));

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(historySize(account)).isEqualTo(history);
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName eq \"a\\\"", "userName eq \"\\", "userName eq", "userName  eq  \"a\" ",
            "userName eq \"a\") or (userName pr", "userName eq \"\u0000\"", "userName eq null", "userName eq 1",
            "externalId eq \"x\" and userName eq \"y\"", " ", "\u202euserName eq \"a\""})
    void listWhenFilterHostileThenListOrInvalidFilter(String filter) {
        ScimAccount account = newScimAccount();

        ScimHttp.Response answer = account.scim().get("/scim/v2/Users?filter="
                + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8));

        if (answer.status() != 200) {
            scimError(answer, 400, "invalidFilter");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%E2%80%AE", "a%20b", "%F0%9F%98%80", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void getWhenIdHostileThenNotFoundOrBadRequest(String id) {
        ScimAccount account = newScimAccount();

        ScimHttp.Response answer = account.scim().get("/scim/v2/Users/" + id);

        assertThat(answer.status()).isBetween(400, 499);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[null]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":{}}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":[\"add\"]}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":[false]}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":{\"x\":false}}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":null,\"value\":{\"active\":null}}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":\"no\"}}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"add\",\"path\":\"name\",\"value\":[1,2]}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false},"
                    + "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"other@example.com\"}]}"})
    void patchUserWhenHostileThenBadRequestAndNothingChanged(String body) {
        ScimAccount account = newScimAccount();
        String id = createUser(account, "ann@example.com");
        int history = historySize(account);

        scimError(account.scim().send("PATCH", "/scim/v2/Users/" + id, ScimHttp.SCIM_JSON, body), 400, null);

        assertThat(historySize(account)).isEqualTo(history);
        assertThat(ok(account.scim().get("/scim/v2/Users/" + id), 200).body().get("active").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[null]}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":{\"value\":[1]}}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":null}]}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"nope\"}]}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"x\\\" or value pr]\"}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"\"}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"\"}]}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":7}]}"})
    void patchGroupWhenHostileThenBadRequestAndNothingChanged(String body) {
        ScimAccount account = newScimAccount();
        String group = ok(account.scim().post("/scim/v2/Groups", group("Engineering")), 201).text("id");
        int history = historySize(account);

        ScimHttp.Response answer = account.scim().send("PATCH", "/scim/v2/Groups/" + group, ScimHttp.SCIM_JSON,
                body);

        assertThat(answer.status()).as(answer.rawBody()).isBetween(400, 499);
        scimError(answer, answer.status(), null);
        assertThat(historySize(account)).isEqualTo(history);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/scim/v2/Nope", "/scim/v2/Users/x/y", "/scim/v2/", "/scim/v2/Schemas/nope",
            "/scim/v2/ResourceTypes/nope", "/scim/v2/Bulk", "/scim/v2/Me", "/scim/v2/.search"})
    void requestWhenPathUnknownThenScimError(String path) {
        ScimAccount account = newScimAccount();

        ScimHttp.Response answer = account.scim().get(path);

        assertThat(answer.status()).as(answer.rawBody()).isBetween(400, 499);
        scimError(answer, answer.status(), null);
    }
}
