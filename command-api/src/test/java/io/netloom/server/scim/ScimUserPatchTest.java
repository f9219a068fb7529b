package io.netloom.server.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScimUserPatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ScimUserDraft ANN = new ScimUserDraft("ann@example.com", Optional.of("Ann"),
            Optional.empty(), Optional.of(true));

    @Test
    void applyWhenEntraStyleOperationsThenKeptAttributesChangeAndOthersAreAccepted() {
        ScimUserDraft patched = ScimUserPatch.apply(ANN, operations("""
                [{"op":"Replace","path":"active","value":"False"},
                 {"op":"Add","path":"name.givenName","value":"Ann"},
                 {"op":"Add","path":"emails[type eq \\"work\\"].value","value":"ann@example.com"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                  "value":"R&D"},
                 {"op":"Replace","path":"displayName","value":"Ann Lee"},
                 {"op":"Replace","path":"externalId","value":"e-1"}]"""), "user-1");

        assertThat(patched).isEqualTo(new ScimUserDraft("ann@example.com", Optional.of("Ann Lee"),
                Optional.of("e-1"), Optional.of(false)));
    }

    @Test
    void applyWhenOktaValueObjectRestatesTheIdThenAccepted() {
        ScimUserDraft patched = ScimUserPatch.apply(ANN, operations("""
                [{"op":"replace","value":{"id":"user-1","active":false}}]"""), "user-1");

        assertThat(patched.active()).contains(false);
    }

    @Test
    void applyWhenValueObjectChangesTheIdThenMutability() {
        assertThatThrownBy(() -> ScimUserPatch.apply(ANN, operations("""
                [{"op":"replace","value":{"id":"user-2"}}]"""), "user-1"))
                .isInstanceOfSatisfying(ScimException.class,
                        failure -> assertThat(failure.scimType()).isEqualTo("mutability"));
    }

    private static List<ScimPatchOperation> operations(String json) {
        JsonNode body = JSON.readTree("{\"Operations\":" + json + "}");
        return ScimPatchOperation.listFrom(body, ScimSchemas.USER);
    }
}
