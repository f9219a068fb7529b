package io.netloom.server.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ScimGroupPatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ScimGroupDraft ENGINEERING = new ScimGroupDraft("Engineering", Optional.empty(),
            Optional.of(Set.of("ann", "bob")));

    @Test
    void applyWhenMembersAddedAndRemovedInEveryStyleThenMembershipFollows() {
        ScimGroupDraft patched = ScimGroupPatch.apply(ENGINEERING, operations("""
                [{"op":"add","path":"members","value":[{"value":"carol"},{"value":"dave"}]},
                 {"op":"remove","path":"members[value eq \\"ann\\"]"},
                 {"op":"remove","path":"members","value":[{"value":"dave"}]}]"""), "g-1");

        assertThat(patched.members()).contains(Set.of("bob", "carol"));
    }

    @Test
    void applyWhenMembersRemovedWithoutValueThenEmpty() {
        ScimGroupDraft patched = ScimGroupPatch.apply(ENGINEERING, operations("""
                [{"op":"remove","path":"members"}]"""), "g-1");

        assertThat(patched.members()).contains(Set.of());
    }

    @Test
    void applyWhenDisplayNameReplacedWithoutPathThenRenamed() {
        ScimGroupDraft patched = ScimGroupPatch.apply(ENGINEERING, operations("""
                [{"op":"replace","value":{"id":"g-1","displayName":"R&D"}}]"""), "g-1");

        assertThat(patched.displayName()).isEqualTo("R&D");
    }

    private static List<ScimPatchOperation> operations(String json) {
        return ScimPatchOperation.listFrom(JSON.readTree("{\"Operations\":" + json + "}"), ScimSchemas.GROUP);
    }
}
