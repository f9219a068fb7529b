package io.netloom.domain.peer;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsLabelTest {

    private static final String MESSAGE =
            "DNS label must be 1 to 63 lowercase letters, digits or hyphens, not starting or ending with a hyphen";

    @ParameterizedTest
    @ValueSource(strings = {"a", "laptop", "web-1", "0", "x--y"})
    void newWhenValidLabelThenAccepted(String label) {
        assertThat(new DnsLabel(label).value()).isEqualTo(label);
    }

    @Test
    void newWhenSixtyThreeCharactersThenAccepted() {
        assertThat(new DnsLabel("a".repeat(63)).value()).hasSize(63);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Laptop", "-web", "web-", "web.internal", "web_1", "café"})
    void newWhenInvalidLabelThenRejected(String label) {
        assertInvalid(() -> new DnsLabel(label), MESSAGE);
    }

    @Test
    void newWhenSixtyFourCharactersThenRejected() {
        assertInvalid(() -> new DnsLabel("a".repeat(64)), MESSAGE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "laptop|laptop",
        "MacBook Pro|macbook-pro",
        "John's MacBook Pro (2)|john-s-macbook-pro-2",
        "web_01.corp.local|web-01-corp-local",
        "--edge--node--|edge-node",
        "a---b|a-b",
        "Café Bar|caf-bar",
        "___|peer",
        "''|peer",
    })
    void fromHostnameWhenHostnameGivenThenSanitizedLabel(String hostname, String expected) {
        assertThat(DnsLabel.fromHostname(hostname).value()).isEqualTo(expected);
    }

    @Test
    void fromHostnameWhenNullThenFallback() {
        assertThat(DnsLabel.fromHostname(null).value()).isEqualTo("peer");
    }

    @Test
    void fromHostnameWhenLongerThanSixtyThreeThenTruncated() {
        assertThat(DnsLabel.fromHostname("a".repeat(100)).value()).isEqualTo("a".repeat(63));
    }

    @Test
    void fromHostnameWhenTruncationEndsOnHyphenThenHyphenTrimmed() {
        String hostname = "a".repeat(62) + " b";
        assertThat(DnsLabel.fromHostname(hostname).value()).isEqualTo("a".repeat(62));
    }
}
