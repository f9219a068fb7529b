package io.netloom.server.security;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.TokenId;
import io.netloom.domain.ids.UserId;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.directory.TokenView;
import io.netloom.projections.directory.UserView;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns a presented credential into a {@link Caller}, checking on every request that the user still
 * exists and is not blocked: blocking a user cuts their API access at once.
 */
@Component
public class Callers {

    private final Directory directory;
    private final Clock clock;

    public Callers(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public Optional<Caller> byPersonalAccessToken(String token) {
        return directory.tokenByHash(SecretTokens.hash(token))
                .filter(found -> !found.isExpiredAt(clock.instant()))
                .flatMap(this::throughToken);
    }

    /** The user a JWT names, if the token it was issued for is still that user's and still valid. */
    public Optional<Caller> byJwt(String userId, String tokenId) {
        if (userId == null || tokenId == null) {
            return Optional.empty();
        }
        try {
            UserId user = new UserId(userId);
            return directory.tokenById(new TokenId(tokenId))
                    .filter(token -> token.userId().equals(user))
                    .filter(token -> !token.isExpiredAt(clock.instant()))
                    .flatMap(this::throughToken);
        } catch (RuntimeException malformedId) {
            return Optional.empty();
        }
    }

    /**
     * The person a JWT from the sign-in names, if they still exist in that account, are a person
     * (not a service user) and are not blocked.
     */
    public Optional<Caller> byPersonJwt(String userId, String accountId) {
        if (userId == null || accountId == null) {
            return Optional.empty();
        }
        try {
            AccountId account = new AccountId(accountId);
            return directory.user(new UserId(userId))
                    .filter(user -> user.accountId().equals(account))
                    .filter(user -> !user.serviceUser() && !user.blocked())
                    .map(user -> toCaller(user, null));
        } catch (RuntimeException malformedId) {
            return Optional.empty();
        }
    }

    /** The token's user, if they still exist and are not blocked, acting through it. */
    private Optional<Caller> throughToken(TokenView token) {
        return directory.account(token.accountId())
                .flatMap(records -> records.user(token.userId()))
                .filter(user -> !user.blocked())
                .map(user -> toCaller(user, token.id()));
    }

    private static Caller toCaller(UserView user, TokenId token) {
        return new Caller(user.accountId(), user.id(), user.role(), user.serviceUser(), token);
    }
}
