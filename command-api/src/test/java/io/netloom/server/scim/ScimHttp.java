package io.netloom.server.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SCIM client for the running test server: a bearer token (or any Authorization header), SCIM's media type, and
 * PATCH. Any 5xx answer fails the test at once, and every error answer must be SCIM's error body.
 */
final class ScimHttp {

    static final String SCIM_JSON = "application/scim+json";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String authorization;

    private ScimHttp(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    static ScimHttp bearer(String baseUrl, String token) {
        return new ScimHttp(baseUrl, "Bearer " + token);
    }

    static ScimHttp withAuthorization(String baseUrl, String authorization) {
        return new ScimHttp(baseUrl, authorization);
    }

    record Response(int status, String contentType, String rawBody, JsonNode body) {

        String text(String field) {
            return body.get(field).asString();
        }
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, SCIM_JSON, JSON.writeValueAsString(body));
    }

    Response put(String path, Object body) {
        return send("PUT", path, SCIM_JSON, JSON.writeValueAsString(body));
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, SCIM_JSON, JSON.writeValueAsString(body));
    }

    Response send(String method, String path, String contentType, String rawBody) {
        return send(method, path, contentType, rawBody, ScimHttp.SCIM_JSON);
    }

    Response send(String method, String path, String contentType, String rawBody, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(rawBody));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            JsonNode parsed = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException("request to the test server failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Response ok(Response response, int status) {
        assertThat(response.status()).as("status; body %s", response.rawBody()).isEqualTo(status);
        if (response.body() != null) {
            assertThat(response.contentType()).startsWith(SCIM_JSON);
        }
        return response;
    }

    /** Asserts RFC 7644 §3.12's error: the status (as a string in the body too) and, if given, the scimType. */
    static Response scimError(Response response, int status, String scimType) {
        assertThat(response.status()).as("status; body %s", response.rawBody()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(SCIM_JSON);
        assertThat(response.body().get("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(response.body().get("status").asString()).isEqualTo(Integer.toString(status));
        assertThat(response.body().get("detail").asString()).isNotBlank();
        if (scimType != null) {
            assertThat(response.body().get("scimType").asString()).isEqualTo(scimType);
        }
        return response;
    }
}
