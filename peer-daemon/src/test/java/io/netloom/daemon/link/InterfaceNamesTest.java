package io.netloom.daemon.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InterfaceNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"netloom0", "nlt-wg-a", "wg.0", "a", "abcdefghijklmno"})
    void requireValidWhenOrdinaryNameThenReturnsIt(String name) {
        assertThat(InterfaceNames.requireValid(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-wg0", "abcdefghijklmnop", "wg 0", "wg0\"", "../wg0", "wg/0", "wg0\n", "wg0;"})
    void requireValidWhenNameCouldBeMisreadThenRejected(String name) {
        assertThatThrownBy(() -> InterfaceNames.requireValid(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid interface name");
    }
}
