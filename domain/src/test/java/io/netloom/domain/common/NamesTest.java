package io.netloom.domain.common;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @Test
    void requireValidWhenPaddedThenTrimmed() {
        assertThat(Names.requireValid("  office laptop \t", "peer name")).isEqualTo("office laptop");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void requireValidWhenBlankThenRejected(String name) {
        assertInvalid(() -> Names.requireValid(name, "peer name"), "peer name must not be empty");
    }

    @Test
    void requireValidWhenAtLimitThenAccepted() {
        assertThat(Names.requireValid("x".repeat(255), "peer name")).hasSize(255);
    }

    @Test
    void requireValidWhenTooLongThenRejected() {
        assertInvalid(() -> Names.requireValid("x".repeat(256), "peer name"),
                "peer name must be at most 255 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad\nname", "bad\u0000name", "bad\u007fname"})
    void requireValidWhenControlCharactersThenRejected(String name) {
        assertInvalid(() -> Names.requireValid(name, "peer name"), "peer name must not contain control characters");
    }

    @Test
    void optionalWhenAbsentThenEmpty() {
        assertThat(Names.optional(null, "user name")).isEmpty();
        assertThat(Names.optional("  ", "user name")).isEmpty();
        assertThat(Names.optional(" Alice ", "user name")).isEqualTo("Alice");
    }

    @Test
    void optionalWhenControlCharactersThenRejected() {
        assertInvalid(() -> Names.optional("a\nb", "user name"), "user name must not contain control characters");
    }
}
