package io.netloom.domain.policy;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortRangeTest {

    @Test
    void newWhenSinglePortOrFullRangeThenAccepted() {
        assertThatCode(() -> new PortRange(22, 22)).doesNotThrowAnyException();
        assertThatCode(() -> new PortRange(1, 65535)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({"0, 10", "1, 65536", "443, 80", "-1, 22"})
    void newWhenOutOfBoundsOrReversedThenRejected(int start, int end) {
        assertInvalid(() -> new PortRange(start, end),
                "port range must lie within 1..65535 and start at or before its end");
    }
}
