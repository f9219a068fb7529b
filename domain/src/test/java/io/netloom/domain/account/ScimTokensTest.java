package io.netloom.domain.account;

import static io.netloom.domain.Rejections.reason;
import static io.netloom.domain.TestData.ACCOUNT;
import static io.netloom.domain.account.TestAccounts.OWNER;
import static io.netloom.domain.account.TestAccounts.created;
import static io.netloom.domain.common.RejectionReason.INVALID_ARGUMENT;
import static io.netloom.domain.common.RejectionReason.NOT_FOUND;

import io.netloom.domain.ids.TokenId;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScimTokensTest {

    private static final TokenId TOKEN = new TokenId("scim-1");
    private static final String HASH = "sha256:" + "b".repeat(64);
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void createWhenValidThenCreatedWithHashOnly() {
        fixture.given(created())
                .when(new CreateScimTokenCommand(ACCOUNT, TOKEN, " entra ", HASH, null, OWNER, NOW, null))
                .expectEvents(new ScimTokenCreatedEvent(ACCOUNT, TOKEN, "entra", HASH, "", OWNER, NOW, null));
    }

    @Test
    void createWhenHashIsNotADigestThenRejected() {
        fixture.given(created())
                .when(new CreateScimTokenCommand(ACCOUNT, TOKEN, "entra", "nls_secret", null, OWNER, NOW, null))
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void createWhenExpiryNotAfterCreationThenRejected() {
        fixture.given(created())
                .when(new CreateScimTokenCommand(ACCOUNT, TOKEN, "entra", HASH, "okta", OWNER, NOW, NOW))
                .expectException(reason(INVALID_ARGUMENT));
    }

    @Test
    void revokeWhenKnownThenRevokedAndWhenUnknownThenNotFound() {
        fixture.given(created(), new ScimTokenCreatedEvent(ACCOUNT, TOKEN, "entra", HASH, "", OWNER, NOW, null))
                .when(new RevokeScimTokenCommand(ACCOUNT, TOKEN))
                .expectEvents(new ScimTokenRevokedEvent(ACCOUNT, TOKEN));
        fixture.given(created())
                .when(new RevokeScimTokenCommand(ACCOUNT, TOKEN))
                .expectException(reason(NOT_FOUND));
    }
}
