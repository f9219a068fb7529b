package io.netloom.server.bootstrap;

import io.netloom.domain.account.Account;
import io.netloom.domain.account.AccountSettings;
import io.netloom.domain.account.CreateAccountCommand;
import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.group.CreateGroupCommand;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.domain.user.CreatePersonalAccessTokenCommand;
import io.netloom.domain.user.CreateUserCommand;
import io.netloom.domain.user.Role;
import io.netloom.projections.directory.Directory;
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.security.SecretTokens;
import io.netloom.server.storage.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On the first start with an empty store: the first account, its All group and an owner service
 * user whose personal access token is written to {@code <data-dir>/admin-token} (mode 0600). The
 * log names the file, never the token.
 */
@Component
public class FirstStartBootstrap {

    public static final String ALL_GROUP_NAME = "All";
    private static final Duration ADMIN_TOKEN_LIFETIME = Duration.ofDays(365);
    private static final Logger log = LoggerFactory.getLogger(FirstStartBootstrap.class);

    private final Directory directory;
    private final Commands commands;
    private final NetloomProperties properties;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    public FirstStartBootstrap(Directory directory, Commands commands, NetloomProperties properties, Clock clock,
            JdbcTemplate jdbc) {
        this.directory = directory;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * Asks the store as well as the directory: another server process on the same database may have created the
     * first account after this one rebuilt its directory (the caller holds the start-up turn, ADR 0056).
     */
    public void createFirstAccountIfEmpty() {
        if (!directory.isEmpty() || storeHasAccount()) {
            return;
        }
        String token = SecretTokens.newPersonalAccessToken();
        Path tokenFile = properties.dataDir().resolve("admin-token").toAbsolutePath();
        try {
            // Written before the commit: if the commit fails, the next start overwrites an unused token.
            PrivateFiles.write(tokenFile, token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file " + tokenFile, e);
        }
        AccountId account = AccountId.random();
        UserId owner = UserId.random();
        Instant now = clock.instant();
        commands.sendAtomically(List.of(
                new CreateAccountCommand(account, owner, "", Ipv4Network.DEFAULT, AccountSettings.defaults()),
                new CreateGroupCommand(GroupId.random(), account, ALL_GROUP_NAME, true, Set.of()),
                new CreateUserCommand(owner, account, "", "Netloom owner", Role.OWNER, true, Set.of()),
                new CreatePersonalAccessTokenCommand(owner, account, TokenId.random(), "first admin token",
                        SecretTokens.hash(token), now, now.plus(ADMIN_TOKEN_LIFETIME), owner)),
                Initiator.SYSTEM);
        log.info("Created the first account and its owner; the owner's personal access token is in {}", tokenFile);
    }

    private boolean storeHasAccount() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domainevententry WHERE type = ?)", Boolean.class,
                Account.class.getSimpleName()));
    }
}
