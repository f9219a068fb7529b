package io.netloom.ops.bench.replay;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.PersonalAccessTokenCreatedEvent;
import io.netloom.domain.user.Role;
import io.netloom.domain.user.UserCreatedEvent;
import io.netloom.domain.user.UserIssuer;
import io.netloom.ops.bench.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Gives a filled replay store's first account (EventStoreFiller's accounts have an owner id but no user) an owner
 * user with a personal access token, so that benchmarks can call its API; the token is written to
 * {@code <data-dir>/bench-account-token}. Run it on a stopped server; the next start links the two events into the
 * account's chain.
 *
 * <pre>java io.netloom.ops.bench.replay.BenchAccountOwner --data-dir DIR</pre>
 */
public final class BenchAccountOwner {

    private static final AccountId ACCOUNT = new AccountId("bench-account-0");
    private static final UserId OWNER = new UserId("bench-owner-0");

    private BenchAccountOwner() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path dataDirectory = Path.of(options.get("data-dir")).toAbsolutePath();
        String token = "nlp_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(18));
        Instant now = Instant.now();
        try (AxonEventRows rows = AxonEventRows.open(dataDirectory)) {
            rows.add("User", OWNER.value(), 0, new UserCreatedEvent(OWNER, ACCOUNT, "owner@bench.example",
                    "bench owner", Role.OWNER, true, Set.<GroupId>of(), UserIssuer.API), now);
            rows.add("User", OWNER.value(), 1, new PersonalAccessTokenCreatedEvent(OWNER, ACCOUNT,
                    new TokenId("bench-token-0"), "benchmark", sha256(token), now, now.plus(Duration.ofDays(30)),
                    OWNER), now);
            rows.commit();
        }
        Files.writeString(dataDirectory.resolve("bench-account-token"), token);
        System.out.println("owner token of " + ACCOUNT.value() + " in " + dataDirectory.resolve("bench-account-token"));
    }

    /** As the server stores secrets (SecretTokens.hash): only a hash, never the token. */
    private static String sha256(String secret) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
    }
}
