package io.netloom.server.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScimFilterTest {

    @Test
    void parseWhenEqWithAnyCaseAndSchemaPrefixThenCanonicalAttributeAndValue() {
        assertThat(ScimFilter.parse("USERNAME Eq \"ann@example.com\"", ScimUsers.FILTERABLE, ScimSchemas.USER))
                .contains(new ScimFilter("userName", "ann@example.com"));
        assertThat(ScimFilter.parse(ScimSchemas.USER + ":externalId eq \"00u\\\"1\"", ScimUsers.FILTERABLE,
                ScimSchemas.USER)).contains(new ScimFilter("externalId", "00u\"1"));
    }

    @Test
    void parseWhenAbsentThenNoFilter() {
        assertThat(ScimFilter.parse(null, ScimUsers.FILTERABLE, ScimSchemas.USER)).isEmpty();
    }

    @Test
    void parseWhenSomethingFollowsTheValueThenInvalidFilter() {
        assertThatThrownBy(() -> ScimFilter.parse("userName eq \"a\" or userName eq \"b\"", ScimUsers.FILTERABLE,
                ScimSchemas.USER)).isInstanceOfSatisfying(ScimException.class,
                        failure -> assertThat(failure.scimType()).isEqualTo("invalidFilter"));
    }

    @Test
    void matchesWhenCaseExactThenCaseCounts() {
        ScimFilter filter = new ScimFilter("externalId", "Abc");

        assertThat(filter.matches(Optional.of("abc"), true)).isFalse();
        assertThat(filter.matches(Optional.of("abc"), false)).isTrue();
        assertThat(filter.matches(Optional.empty(), false)).isFalse();
    }
}
