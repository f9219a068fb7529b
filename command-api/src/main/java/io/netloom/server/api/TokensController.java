package io.netloom.server.api;

import io.netloom.api.netbird.PersonalAccessToken;
import io.netloom.api.netbird.PersonalAccessTokenGenerated;
import io.netloom.api.netbird.PersonalAccessTokenRequest;
import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.user.CreatePersonalAccessTokenCommand;
import io.netloom.domain.user.DeletePersonalAccessTokenCommand;
import io.netloom.domain.user.Role;
import io.netloom.projections.directory.AccountRecords;
import io.netloom.projections.directory.TokenView;
import io.netloom.projections.directory.UserView;
import io.netloom.server.axon.Commands;
import io.netloom.server.security.Caller;
import io.netloom.server.security.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * NetBird's /api/users/{userId}/tokens. A user manages their own tokens; admins also manage those
 * of service users. The token is shown once, at creation; only its hash is stored.
 */
@RestController
@RequestMapping("/api/users/{userId}/tokens")
public class TokensController {

    private static final int MAX_DAYS = 365;

    private final CallerAccounts accounts;
    private final Commands commands;
    private final Clock clock;

    public TokensController(CallerAccounts accounts, Commands commands, Clock clock) {
        this.accounts = accounts;
        this.commands = commands;
        this.clock = clock;
    }

    @GetMapping
    public List<PersonalAccessToken> list(@AuthenticationPrincipal Caller caller, @PathVariable String userId) {
        UserView owner = manageableUser(caller, userId);
        return accounts.of(caller).tokensOf(owner.id()).stream().map(TokensController::toToken).toList();
    }

    @GetMapping("/{tokenId}")
    public PersonalAccessToken get(@AuthenticationPrincipal Caller caller, @PathVariable String userId,
            @PathVariable String tokenId) {
        UserView owner = manageableUser(caller, userId);
        return toToken(existing(accounts.of(caller), owner, tokenId));
    }

    @PostMapping
    public PersonalAccessTokenGenerated create(@AuthenticationPrincipal Caller caller, @PathVariable String userId,
            @RequestBody PersonalAccessTokenRequest request) {
        UserView owner = manageableUser(caller, userId);
        String name = Required.field(request.name(), "name");
        int days = Required.field(request.expiresIn(), "expires_in");
        if (days < 1 || days > MAX_DAYS) {
            throw CommandRejectedException.invalid("expires_in must be between 1 and " + MAX_DAYS + " days");
        }
        String token = SecretTokens.newPersonalAccessToken();
        TokenId id = TokenId.random();
        Instant now = clock.instant();
        commands.send(new CreatePersonalAccessTokenCommand(owner.id(), caller.accountId(), id, name,
                SecretTokens.hash(token), now, now.plus(Duration.ofDays(days)), caller.userId()), Initiators.of(caller));
        return new PersonalAccessTokenGenerated(token, toToken(existing(accounts.of(caller), owner, id.value())));
    }

    @DeleteMapping("/{tokenId}")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, @PathVariable String userId,
            @PathVariable String tokenId) {
        UserView owner = manageableUser(caller, userId);
        TokenView token = existing(accounts.of(caller), owner, tokenId);
        commands.send(new DeletePersonalAccessTokenCommand(owner.id(), caller.accountId(), token.id()),
                Initiators.of(caller));
        return Map.of();
    }

    private UserView manageableUser(Caller caller, String userId) {
        AccountRecords records = accounts.of(caller);
        UserView user = UsersController.existing(records, userId);
        boolean self = user.id().equals(caller.userId());
        // The first owner is a service user too; admins must not mint or revoke the owner's tokens.
        if (!self && !(caller.isAdmin() && user.serviceUser() && user.role() != Role.OWNER)) {
            throw CommandRejectedException.permissionDenied("only the user, or an admin for a service user, may manage tokens");
        }
        return user;
    }

    private static TokenView existing(AccountRecords records, UserView owner, String tokenId) {
        TokenId id = new TokenId(tokenId);
        return records.tokensOf(owner.id()).stream().filter(token -> token.id().equals(id)).findFirst()
                .orElseThrow(() -> CommandRejectedException.notFound("token not found"));
    }

    private static PersonalAccessToken toToken(TokenView token) {
        return new PersonalAccessToken(token.id().value(), token.name(), token.expiresAt(),
                token.createdBy().value(), token.createdAt(), null);
    }
}
