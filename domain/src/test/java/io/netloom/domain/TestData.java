package io.netloom.domain;

import io.netloom.domain.ids.AccountId;
import java.time.Instant;

/** Values every aggregate test needs: the caller's account, a foreign account and a fixed clock. */
public final class TestData {

    public static final AccountId ACCOUNT = new AccountId("account-1");
    public static final AccountId OTHER_ACCOUNT = new AccountId("account-2");
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private TestData() {
    }

    /** A well-formed digest; {@code fill} tells digests apart. */
    public static String sha256(char fill) {
        return "sha256:" + String.valueOf(fill).repeat(64);
    }
}
