package io.netloom.domain.common;

import static io.netloom.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HashesTest {

    private static final String MESSAGE = "token hash must be of the form sha256:<64 lowercase hex digits>";

    @Test
    void requireSha256WhenDigestThenAccepted() {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        assertThat(Hashes.requireSha256(digest, "token hash")).isEqualTo(digest);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "nbp_plainTokenThatIsNotHashed", "sha256:abc",
        "sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
        "md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void requireSha256WhenNotADigestThenRejectedWithoutEchoingIt(String hash) {
        assertInvalid(() -> Hashes.requireSha256(hash, "token hash"), MESSAGE);
    }
}
