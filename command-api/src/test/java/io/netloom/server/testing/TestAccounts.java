package io.netloom.server.testing;

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
import io.netloom.server.axon.Commands;
import io.netloom.server.axon.Initiator;
import io.netloom.server.security.SecretTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Creates a fresh account with an owner for each test, the way the first-start bootstrap does, so
 * tests sharing one server never see each other's data (and can prove that they cannot).
 */
public final class TestAccounts {

    private final Commands commands;
    private final NetloomApi api;

    public TestAccounts(Commands commands, NetloomApi api) {
        this.commands = commands;
        this.api = api;
    }

    /** A new account and a client authenticated as its owner. */
    public NetloomApi.Client newAccount() {
        return newAccount(AccountId.random());
    }

    /** A new account with the given id (one a server setting names) and a client authenticated as its owner. */
    public NetloomApi.Client newAccount(AccountId account) {
        UserId owner = UserId.random();
        commands.sendAtomically(List.of(
                new CreateAccountCommand(account, owner, "", Ipv4Network.DEFAULT, AccountSettings.defaults()),
                new CreateGroupCommand(GroupId.random(), account, "All", true, Set.of()),
                new CreateUserCommand(owner, account, "", "Test owner", Role.OWNER, true, Set.of())),
                Initiator.SYSTEM);
        return api.as(tokenFor(account, owner));
    }

    /** A personal access token for an existing user, created directly (as the API would). */
    public String tokenFor(AccountId account, UserId user) {
        String token = SecretTokens.newPersonalAccessToken();
        Instant now = Instant.now();
        commands.send(new CreatePersonalAccessTokenCommand(user, account, TokenId.random(), "test token",
                SecretTokens.hash(token), now, now.plus(Duration.ofDays(1)), user), Initiator.SYSTEM);
        return token;
    }
}
