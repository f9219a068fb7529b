package io.netloom.domain.peer;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerMetadataTest {

    @Test
    void newWhenOptionalFieldsNullThenEmpty() {
        PeerMetadata metadata = new PeerMetadata("laptop", null, null, null);
        assertThat(metadata).isEqualTo(new PeerMetadata("laptop", "", "", ""));
    }

    @Test
    void newWhenHostnamePaddedThenTrimmed() {
        assertThat(new PeerMetadata(" laptop ", "", "", "").hostname()).isEqualTo("laptop");
    }

    @Test
    void newWhenHostnameBlankThenRejected() {
        assertInvalid(() -> new PeerMetadata(" ", "linux", "", ""), "hostname must not be empty");
    }

    @Test
    void newWhenHostnameTooLongThenRejected() {
        assertInvalid(() -> new PeerMetadata("h".repeat(256), "", "", ""), "hostname must be at most 255 characters");
    }

    @Test
    void newWhenVersionTooLongThenRejected() {
        assertInvalid(() -> new PeerMetadata("laptop", "x".repeat(256), "", ""), "OS must be at most 255 characters");
        assertInvalid(() -> new PeerMetadata("laptop", "", "x".repeat(256), ""),
                "kernel version must be at most 255 characters");
        assertInvalid(() -> new PeerMetadata("laptop", "", "", "x".repeat(256)),
                "daemon version must be at most 255 characters");
    }

    @Test
    void newWhenAtLimitThenAccepted() {
        assertThat(new PeerMetadata("h".repeat(255), "x".repeat(255), "", "").os()).hasSize(255);
    }
}
